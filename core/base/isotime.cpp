#include "isotime.h"

#include <QRegularExpression>

namespace RagScope {

namespace {

constexpr int MaxOffsetMinutes = 14 * 60;

Error refuse(const QString& argument, const QString& text, const QString& why)
{
    return makeError(ErrorKind::InvalidInput, QStringLiteral("%1 '%2' %3").arg(argument, text, why));
}

} // namespace

Result<QDateTime> parseIsoTime(const QString& text, const QString& argument)
{
    // QDateTime::fromString(Qt::ISODate) is lenient (it reads "2026-11-19Tfoo" as a date and
    // "T24:00" as the next day), so the grammar is spelled out here.
    static const QRegularExpression grammar(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})(\d*))?)?(Z|[+-]\d{2}:\d{2})?)?\z)"));
    const QRegularExpressionMatch m = grammar.match(text);
    if (!m.hasMatch())
        return refuse(argument, text,
            QStringLiteral("is not an ISO 8601 time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with Z, "
                           "±HH:MM or no zone for UTC)"));
    const auto number = [&m](int group) { return m.captured(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    if (!date.isValid())
        return refuse(argument, text, QStringLiteral("is not a calendar date"));
    // Windows have millisecond precision; finer digits would silently move the bound.
    const QString finer = m.captured(8);
    if (finer.count(QLatin1Char('0')) != finer.size())
        return refuse(argument, text,
            QStringLiteral("is finer than a millisecond: windows have millisecond precision"));
    const QString fraction = m.captured(7).leftJustified(3, QLatin1Char('0'));
    const QTime time
        = m.hasCaptured(4) ? QTime(number(4), number(5), number(6), fraction.toInt()) : QTime(0, 0);
    if (!time.isValid())
        return refuse(argument, text, QStringLiteral("is not a time of day (00:00 to 23:59:59.999)"));
    int offsetMinutes = 0;
    const QString zone = m.captured(9);
    if (zone.size() == 6) {
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.mid(4, 2).toInt();
        offsetMinutes = hours * 60 + minutes;
        if (minutes > 59 || offsetMinutes > MaxOffsetMinutes)
            return refuse(argument, text, QStringLiteral("has a UTC offset outside -14:00 to +14:00"));
        if (zone.startsWith(QLatin1Char('-')))
            offsetMinutes = -offsetMinutes;
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-qint64(offsetMinutes) * 60);
}

} // namespace RagScope
