#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace RagScope::Test {

/// Reads RFC 4180 CSV (UTF-8, CRLF records, quoted fields with doubled quotes and line breaks)
/// into records of fields, independently of the writer under test. A leading BOM is dropped.
QList<QStringList> readCsv(const QByteArray& bytes);
/// readCsv() of a file; fatal (qFatal) if it cannot be read.
QList<QStringList> readCsvFile(const QString& path);

} // namespace RagScope::Test
