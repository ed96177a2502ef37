#include "csvfile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace RagScope::CsvFile {

namespace {

Error writeError(const QString& path, const QString& reason)
{
    return makeError(ErrorKind::InvalidInput,
        QCoreApplication::translate("RagScope::CsvFile", "cannot write %1: %2").arg(path, reason));
}

} // namespace

Result<CsvExportSummary> write(
    const QString& path, CsvOptions options, const QStringList& columns, const RowsBody& body)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    CsvWriter writer(&file, options);
    writer.writeHeader(columns);
    const Result<CsvExportSummary> rows = body(writer);
    if (!rows.ok() || rows->cancelled) {
        file.cancelWriting(); // the destructor then removes the temporary file
        return rows;
    }
    if (!writer.ok())
        return writeError(path, writer.errorString());
    if (!file.commit())
        return writeError(path, file.errorString());
    return rows;
}

Result<CsvExportSummary> write(const QString& path, CsvOptions options, const CsvTable& table)
{
    return write(path, options, table.columns, [&table](CsvWriter& writer) -> Result<CsvExportSummary> {
        for (const QList<CsvCell>& row : table.rows)
            writer.writeRow(row);
        return CsvExportSummary { table.rows.size(), false };
    });
}

} // namespace RagScope::CsvFile
