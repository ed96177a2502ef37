#include "costperiodsql.h"

#include "metrics/filtersql.h"

namespace RagScope {

CostPeriodSql::CostPeriodSql(const PriceTable& prices, const Filter& filter)
    : m_filter(filter)
{
    for (const QDateTime& t : prices.changeTimes()) {
        if (t > filter.from && t < filter.to)
            m_edges << t;
    }
}

BoundSql CostPeriodSql::statement(const SqlDialect& d) const
{
    const QString I = QStringLiteral("i");
    // period = how many change times lie at or before created_at (0 without any)
    QString period = QStringLiteral("0");
    QVariantList values;
    if (!m_edges.isEmpty()) {
        period = QStringLiteral("CASE");
        for (qsizetype k = 0; k < m_edges.size(); ++k) {
            period += QStringLiteral(" WHEN i.created_at < %1 THEN %2").arg(d.timeParam()).arg(k);
            values << d.bindTime(m_edges[k]);
        }
        period += QStringLiteral(" ELSE %1 END").arg(m_edges.size());
    }
    const SqlWhere where = filterWhere(d, m_filter, I);
    values += where.values;
    const QString cost = d.costColumn(QStringLiteral("g"));
    return { QStringLiteral("SELECT %1, g.model_name, g.period, COUNT(*), SUM(g.prompt_tokens),"
                            " SUM(g.completion_tokens), %2, COUNT(%3) FROM (SELECT %4 AS day, i.model_name,"
                            " %5 AS period, i.prompt_tokens, i.completion_tokens, %6 FROM chat_interactions i"
                            " WHERE %7) g GROUP BY g.day, g.model_name, g.period ORDER BY g.day,"
                            " CASE WHEN g.model_name IS NULL THEN 1 ELSE 0 END, g.model_name%8, g.period")
                 .arg(d.dayKeyText(QStringLiteral("g.day")), d.costSum(QStringLiteral("g")), cost,
                     d.dayKey(QStringLiteral("i.created_at")), period, d.costColumn(I), where.sql,
                     d.byteOrder()),
        values };
}

QDateTime CostPeriodSql::priceTime(const QString& day, int period) const
{
    // the group's earliest possible instant: no change time lies between it and its requests
    QDateTime at
        = std::max(QDateTime(QDate::fromString(day, Qt::ISODate), QTime(0, 0), Qt::UTC), m_filter.from);
    if (period > 0 && period <= m_edges.size())
        at = std::max(at, m_edges[period - 1]);
    return at;
}

} // namespace RagScope
