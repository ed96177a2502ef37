#include "sqldialect.h"

namespace RagScope {

QString SqlDialect::timeParam() const
{
    return isPostgres() ? QStringLiteral("CAST(? AS timestamptz)") : QStringLiteral("?");
}

QString SqlDialect::moneyParam() const
{
    return isPostgres() ? QStringLiteral("CAST(? AS numeric)") : QStringLiteral("?");
}

QString SqlDialect::uuidParam() const
{
    return isPostgres() ? QStringLiteral("CAST(? AS uuid)") : QStringLiteral("?");
}

QString SqlDialect::costColumn(const QString& alias) const
{
    return alias + (isPostgres() ? QStringLiteral(".cost_estimate") : QStringLiteral(".cost_usd_e8"));
}

QString SqlDialect::costSum(const QString& alias) const
{
    if (isPostgres())
        return QStringLiteral("CAST(COALESCE(SUM(%1), 0) AS text)").arg(costColumn(alias));
    return QStringLiteral("COALESCE(SUM(%1), 0)").arg(costColumn(alias));
}

QString SqlDialect::timeText(const QString& column) const
{
    if (isPostgres())
        return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
            .arg(column);
    return column;
}

QString SqlDialect::dayOf(const QString& column) const
{
    if (isPostgres())
        return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD')").arg(column);
    return QStringLiteral("substr(%1, 1, 10)").arg(column);
}

QString SqlDialect::hourOf(const QString& column) const
{
    if (isPostgres())
        return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24\":00:00Z\"')").arg(column);
    return QStringLiteral("(substr(%1, 1, 13) || ':00:00Z')").arg(column);
}

QString SqlDialect::dayKey(const QString& column) const
{
    if (isPostgres())
        return QStringLiteral("date_trunc('day', %1 AT TIME ZONE 'UTC')").arg(column);
    return dayOf(column);
}

QString SqlDialect::dayKeyText(const QString& key) const
{
    return isPostgres() ? QStringLiteral("to_char(%1, 'YYYY-MM-DD')").arg(key) : key;
}

QString SqlDialect::byteOrder() const
{
    return isPostgres() ? QStringLiteral(" COLLATE \"C\"") : QString();
}

QString SqlDialect::unorderedKey(const QString& column) const
{
    return isPostgres() ? column : QLatin1Char('+') + column;
}

QString SqlDialect::confidenceBucket(const QString& column) const
{
    if (isPostgres()) // LEAST ignores NULLs: keep unknown scores out of bucket 9 explicitly
        return QStringLiteral(
            "CASE WHEN %1 IS NULL THEN NULL ELSE LEAST(CAST(FLOOR(%1 * 10) AS integer), 9) END")
            .arg(column);
    // CAST(... AS INTEGER) truncates toward zero, i.e. floors the non-negative scores.
    return QStringLiteral("MIN(CAST(%1 * 10 AS INTEGER), 9)").arg(column);
}

QVariant SqlDialect::bindTime(const QDateTime& time) const
{
    return isoTime(time);
}

QVariant SqlDialect::bindMoney(Money amount) const
{
    if (isPostgres())
        return amount.toString();
    return amount.units();
}

QVariant SqlDialect::bindUuid(const QUuid& id) const
{
    return id.toString(QUuid::WithoutBraces);
}

Money SqlDialect::moneyValue(const QVariant& value) const
{
    if (value.isNull())
        return {};
    if (isPostgres()) {
        const auto parsed = Money::parse(value.toString());
        return parsed.ok() ? parsed.value() : Money {};
    }
    return Money::fromUnits(value.toLongLong());
}

QString SqlDialect::isoTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000Z");
}

QDateTime SqlDialect::parseTime(const QString& isoText)
{
    // 2026-11-19T10:20:30.123456Z → drop the sub-millisecond digits Qt cannot hold
    QString t = isoText;
    const qsizetype dot = t.indexOf(QLatin1Char('.'));
    if (dot > 0 && t.size() > dot + 4)
        t = t.left(dot + 4) + QLatin1Char('Z');
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(isoText, Qt::ISODate);
    return dt.toUTC(); // Qt::UTC (not a UTC QTimeZone): ISO output ends in "Z"
}

} // namespace RagScope
