#pragma once

#include "money/money.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

namespace RagScope {

/// One cell of a CSV row, formatted for machines rather than people: numbers in the C locale
/// with every digit, times as ISO 8601 UTC, money as its exact 8-decimal string, NULL empty.
/// Only text cells are guarded against formula injection when written; numbers never are.
class CsvCell
{
public:
    CsvCell() = default; ///< NULL: an empty field
    static CsvCell text(const QString& text);
    static CsvCell integer(qint64 value);
    /// The shortest decimal that reads back as the same double; NaN and infinities are NULL.
    static CsvCell real(double value);
    static CsvCell money(Money amount);
    /// An exact decimal already in the C locale (e.g. TokenPrice::toString()).
    static CsvCell decimal(const QString& digits);
    /// ISO 8601 in UTC with milliseconds, e.g. 2026-11-02T09:00:00.000Z; an invalid time is NULL.
    static CsvCell time(const QDateTime& time);
    /// `make(*value)`, or NULL when there is no value.
    template <typename T, typename Make> static CsvCell optional(const std::optional<T>& value, Make make)
    {
        return value ? make(*value) : CsvCell();
    }

    const QString& value() const { return m_value; }
    bool isText() const { return m_text; }
    bool operator==(const CsvCell&) const = default;

private:
    CsvCell(QString value, bool text)
        : m_value(std::move(value))
        , m_text(text)
    { }
    QString m_value;
    bool m_text = false;
};

/// A small table in memory (a chart panel's data), ready to be written as CSV.
struct CsvTable
{
    QStringList columns;
    QList<QList<CsvCell>> rows;
};

/// How a CSV file starts.
struct CsvOptions
{
    bool byteOrderMark = false; ///< start with a UTF-8 BOM (Excel needs it to read UTF-8)
};

/// Writes RFC 4180 CSV in UTF-8 to a device, row by row: fields with a comma, quote or line
/// break are quoted, records end in CRLF. Text that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) gets a leading apostrophe.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice* device, CsvOptions options = {});

    /// The header row: column names, written as text.
    void writeHeader(const QStringList& columns);
    void writeRow(const QList<CsvCell>& cells);
    /// False once a write to the device failed; errorString() says why.
    bool ok() const { return m_ok; }
    QString errorString() const;

    /// One field as it appears in the file (guarded and quoted as needed).
    static QString field(const CsvCell& cell);

private:
    void write(const QString& record);

    QIODevice* m_device;
    CsvOptions m_options;
    bool m_started = false;
    bool m_ok = true;
};

} // namespace RagScope
