#include "csvwriter.h"

#include <QIODevice>
#include <QLocale>

#include <cmath>

namespace RagScope {

namespace {

// Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
bool startsLikeFormula(const QString& text)
{
    if (text.isEmpty())
        return false;
    switch (text.front().unicode()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

bool needsQuotes(const QString& text)
{
    for (const QChar c : text) {
        if (c == QLatin1Char(',') || c == QLatin1Char('"') || c == QLatin1Char('\n')
            || c == QLatin1Char('\r'))
            return true;
    }
    return false;
}

} // namespace

CsvCell CsvCell::text(const QString& text)
{
    return CsvCell(text, true);
}

CsvCell CsvCell::integer(qint64 value)
{
    return CsvCell(QString::number(value), false);
}

CsvCell CsvCell::real(double value)
{
    if (!std::isfinite(value))
        return CsvCell();
    // QString::number always uses the C locale; 'f' keeps spreadsheets from seeing exponents.
    return CsvCell(QString::number(value, 'f', QLocale::FloatingPointShortest), false);
}

CsvCell CsvCell::money(Money amount)
{
    return CsvCell(amount.toString(), false);
}

CsvCell CsvCell::decimal(const QString& digits)
{
    return CsvCell(digits, false);
}

CsvCell CsvCell::time(const QDateTime& time)
{
    if (!time.isValid())
        return CsvCell();
    return CsvCell(time.toUTC().toString(Qt::ISODateWithMs), false);
}

CsvWriter::CsvWriter(QIODevice* device, CsvOptions options)
    : m_device(device)
    , m_options(options)
{ }

void CsvWriter::writeHeader(const QStringList& columns)
{
    QList<CsvCell> cells;
    cells.reserve(columns.size());
    for (const QString& column : columns)
        cells << CsvCell::text(column);
    writeRow(cells);
}

void CsvWriter::writeRow(const QList<CsvCell>& cells)
{
    QString record;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            record += QLatin1Char(',');
        record += field(cells.at(i));
    }
    record += QLatin1String("\r\n");
    write(record);
}

QString CsvWriter::errorString() const
{
    return m_device->errorString();
}

QString CsvWriter::field(const CsvCell& cell)
{
    if (!cell.isText())
        return cell.value();
    QString text = startsLikeFormula(cell.value()) ? QLatin1Char('\'') + cell.value() : cell.value();
    if (!needsQuotes(text))
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void CsvWriter::write(const QString& record)
{
    if (!m_ok)
        return;
    QByteArray bytes;
    if (!m_started && m_options.byteOrderMark)
        bytes = QByteArrayLiteral("\xEF\xBB\xBF");
    m_started = true;
    bytes += record.toUtf8();
    if (m_device->write(bytes) != bytes.size())
        m_ok = false;
}

} // namespace RagScope
