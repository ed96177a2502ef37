#include "export/csvfile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const CsvTable Table { { QStringLiteral("user_id"), QStringLiteral("requests") },
    { { CsvCell::text(QStringLiteral("=alice")), CsvCell::integer(-1) },
        { CsvCell(), CsvCell::integer(2) } } };

} // namespace

/// CSV files appear only complete: a cancelled or failed export leaves no file behind.
class TestCsvFile : public QObject
{
    Q_OBJECT
private slots:
    void writesHeaderAndRows();
    void cancelledExportLeavesNoFileAndKeepsAnOldOne();
    void failedBodyLeavesNoFile();
    void unwritablePathIsOneLineError();
};

void TestCsvFile::writesHeaderAndRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.csv"));
    const auto summary = CsvFile::write(path, {}, Table);
    QVERIFY(summary.ok());
    QCOMPARE(summary->rows, 2);
    QVERIFY(!summary->cancelled);
    QCOMPARE(readAll(path), QByteArray("user_id,requests\r\n'=alice,-1\r\n,2\r\n"));
}

void TestCsvFile::cancelledExportLeavesNoFileAndKeepsAnOldOne()
{
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
    const QString old = dir.filePath(QStringLiteral("old.csv"));
    QVERIFY(CsvFile::write(old, {}, Table).ok());
    const QByteArray before = readAll(old);
    const auto cancelHalfway = [](CsvWriter& writer) -> Result<CsvExportSummary> {
        writer.writeRow({ CsvCell::text(QStringLiteral("partial")), CsvCell::integer(1) });
        return CsvExportSummary { 1, true };
    };
    for (const QString& path : { fresh, old }) {
        const auto summary = CsvFile::write(path, {}, Table.columns, cancelHalfway);
        QVERIFY(summary.ok());
        QVERIFY(summary->cancelled);
    }
    QVERIFY(!QFileInfo::exists(fresh));
    QCOMPARE(readAll(old), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("old.csv") });
}

void TestCsvFile::failedBodyLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.csv"));
    const auto summary
        = CsvFile::write(path, {}, Table.columns, [](CsvWriter& writer) -> Result<CsvExportSummary> {
              writer.writeRow({ CsvCell::text(QStringLiteral("partial")), CsvCell::integer(1) });
              return makeError(ErrorKind::ConnectionLost, QStringLiteral("the connection dropped"));
          });
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().kind, ErrorKind::ConnectionLost);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestCsvFile::unwritablePathIsOneLineError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/t.csv"));
    const auto summary = CsvFile::write(path, {}, Table);
    QVERIFY(!summary.ok());
    QVERIFY2(summary.error().message.startsWith(QStringLiteral("cannot write ") + path),
        qPrintable(summary.error().message));
    QVERIFY(!summary.error().message.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestCsvFile)
#include "tst_csvfile.moc"
