#include "rolluptopusers.h"

#include "metrics/sqlvalues.h"
#include "opendayuserrows.h"
#include "quarteruserrows.h"

namespace RagScope {

using namespace RollupSql;

RollupTopUsers::RollupTopUsers(StorePtr store, const Filter& filter, const RollupPlan& plan)
    : m_store(std::move(store))
    , m_d(m_store->dialect())
    , m_filter(filter)
    , m_plan(plan)
{ }

Result<QList<UserStats>> RollupTopUsers::top(int limit) const
{
    // Every part's rows per user are summed and ranked by one statement, which sends back only the
    // top rows: a statement per part sent every user's row back (four times ~2,000 rows for 90 days),
    // and that transfer and its merge here were a third of the table's time. The ranking needs no
    // feedback, so the raw parts are ranked without it and only the top users' raw rows probe their
    // feedback (`rated`): probing every raw row was ~4 µs a row, most of the table's time with three
    // hours of a first day and a busy open hour read raw.
    const QString cost = m_d.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1);
    const QString names
        = QStringLiteral(" AS user_id, %1 AS requests, %2 AS %3, %4 AS total_sum, %5 AS total_n,"
                         " %6 AS conf_sum, %7 AS conf_n, %8 AS rating_total, %9 AS rating_n,"
                         " %10 AS low_rated, %11 AS unpriced");
    QStringList parts, rated;
    QVariantList values, ratedValues;
    // A part's column, negated for a subtracted part.
    const auto signedBy = [](const QString& sign, const QString& column) {
        return sign.isEmpty() ? column : sign + QLatin1Char('(') + column + QLatin1Char(')');
    };
    const auto addRollups
        = [&](const QString& table, const QDateTime& from, const QDateTime& to, const QString& sign = {}) {
              if (from >= to)
                  return;
              const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, from, to);
              const auto s = [&](const QString& column) { return signedBy(sign, column); };
              parts << QStringLiteral("SELECT r.user_id")
                      + names.arg(s(QStringLiteral("r.requests")), s(m_d.costColumn(QStringLiteral("r"))),
                          cost, s(QStringLiteral("r.total_sum")), s(QStringLiteral("r.total_n")),
                          s(QStringLiteral("r.conf_sum")), s(QStringLiteral("r.requests - r.conf_unknown")),
                          s(QStringLiteral("r.rating_total")), s(QStringLiteral("r.with_feedback")),
                          s(QStringLiteral("r.low_rated")), s(QStringLiteral("r.requests - r.priced")))
                      + QStringLiteral(" FROM %1 r WHERE %2").arg(table, w.sql);
              values += w.values;
          };
    // Whole days from day rows, whole weeks among them from week rows, the open day's hours from
    // hour rows.
    const QString days = info(Grain::DayUser).table;
    const bool weeks = m_plan.weeksFrom < m_plan.weeksTo;
    addRollups(days, m_plan.from, weeks ? m_plan.weeksFrom : m_plan.wholeDaysEnd());
    if (weeks) {
        addRollups(info(Grain::WeekUser).table, m_plan.weeksFrom, m_plan.weeksTo);
        addRollups(days, m_plan.weeksTo, m_plan.wholeDaysEnd());
    }
    const OpenDayUserRows openDay(*m_store);
    addRollups(m_plan.wholeOpenDay && openDay.kept() ? QLatin1String(OpenDayUserRows::Table)
                                                     : info(Grain::HourUser).table,
        m_plan.wholeDaysEnd(), m_plan.to);
    for (const RollupEdge& whole : m_plan.edges) {
        for (const QuarterUserRows::Piece& piece : QuarterUserRows::cover(whole, m_plan.quartersTo)) {
            const RollupEdge& edge = piece.edge;
            const QString sign = edge.subtract ? QStringLiteral("-") : QString();
            if (piece.quarterRows) {
                addRollups(info(Grain::QuarterUser).table, edge.window.from, edge.window.to, sign);
                continue;
            }
            const SqlWhere e = filterWhere(m_d, edge.window, QStringLiteral("i"));
            const auto signed_ = [&](const QString& aggregate) { return signedBy(sign, aggregate); };
            const QString zero = QStringLiteral("0");
            parts << QStringLiteral("SELECT i.user_id")
                    + names.arg(signed_(QStringLiteral("COUNT(*)")),
                        signed_(QStringLiteral("SUM(%1)").arg(m_d.costColumn(QStringLiteral("i")))), cost,
                        signed_(QStringLiteral("SUM(i.total_latency_ms)")),
                        signed_(QStringLiteral("COUNT(i.total_latency_ms)")),
                        signed_(QStringLiteral("SUM(i.confidence_score)")),
                        signed_(QStringLiteral("COUNT(i.confidence_score)")), zero, zero, zero,
                        signed_(QStringLiteral("(COUNT(*) - COUNT(%1))")
                                    .arg(m_d.costColumn(QStringLiteral("i")))))
                    + QStringLiteral(" FROM chat_interactions i WHERE %1 GROUP BY %2")
                          .arg(e.sql, m_d.unorderedKey(QStringLiteral("i.user_id")));
            values += e.values;
            rated << QStringLiteral("SELECT i.user_id, %1 AS rating_total, %2 AS rating_n, %3 AS low_rated"
                                    " FROM %4 WHERE %5 AND i.user_id IN (SELECT t.user_id FROM top t)"
                                    " GROUP BY i.user_id")
                         .arg(signed_(QStringLiteral("SUM(f.rating)")), signed_(QStringLiteral("COUNT(*)")),
                             signed_(QStringLiteral("SUM(CASE WHEN f.rating <= 2 THEN 1 ELSE 0 END)")),
                             interactionsWithFeedback(m_d, false, edge.seconds()), e.sql);
            ratedValues += e.values;
        }
    }
    if (parts.isEmpty())
        return QList<UserStats> {};
    // As MetricsSql::userStats(): most requests first, then the id byte-wise; a user whose rows a
    // subtracted edge cancels out is left out.
    const QString top = QStringLiteral(
        "SELECT u.user_id, SUM(u.requests) AS requests, %1 AS cost, SUM(u.total_sum) AS total_sum,"
        " SUM(u.total_n) AS total_n, SUM(u.conf_sum) AS conf_sum, SUM(u.conf_n) AS conf_n,"
        " SUM(u.rating_total) AS rating_total, SUM(u.rating_n) AS rating_n,"
        " SUM(u.low_rated) AS low_rated, SUM(u.unpriced) AS unpriced FROM (%2) u"
        " GROUP BY u.user_id HAVING SUM(u.requests) <> 0 ORDER BY SUM(u.requests) DESC, %3 LIMIT ?")
                            .arg(m_d.costSum(QStringLiteral("u")), parts.join(QStringLiteral(" UNION ALL ")),
                                QStringLiteral("u.user_id") + m_d.byteOrder());
    const QString ratings = rated.isEmpty()
        ? QStringLiteral("SELECT t.user_id, 0 AS rating_total, 0 AS rating_n, 0 AS low_rated FROM top t")
        : rated.join(QStringLiteral(" UNION ALL "));
    RAGSCOPE_TRY(q,
        m_store->exec(
            QStringLiteral("WITH top AS (%1), rated AS (%2)"
                           " SELECT t.user_id, t.requests, t.cost, t.total_sum, t.total_n, t.conf_sum,"
                           " t.conf_n, t.rating_total + COALESCE(SUM(r.rating_total), 0),"
                           " t.rating_n + COALESCE(SUM(r.rating_n), 0),"
                           " t.low_rated + COALESCE(SUM(r.low_rated), 0), t.unpriced FROM top t"
                           " LEFT JOIN rated r ON r.user_id = t.user_id GROUP BY t.user_id, t.requests,"
                           " t.cost, t.total_sum, t.total_n, t.conf_sum, t.conf_n, t.rating_total,"
                           " t.rating_n, t.low_rated, t.unpriced ORDER BY %3")
                .arg(top, ratings, QStringLiteral("t.requests DESC, t.user_id") + m_d.byteOrder()),
            values + QVariantList { qMax(limit, 0) } + ratedValues));
    QList<UserStats> out;
    while (q.next()) {
        UserStats u;
        u.user = q.value(0).toString();
        u.requests = sqlCount(q.value(1));
        u.cost = m_d.moneyValue(q.value(2));
        u.unpricedRequests = sqlCount(q.value(10));
        u.avgLatencyMs = meanOf(q.value(3).toDouble(), sqlCount(q.value(4)));
        u.avgConfidence = meanOf(q.value(5).toDouble(), sqlCount(q.value(6)));
        u.avgRating = meanOf(q.value(7).toDouble(), sqlCount(q.value(8)));
        u.lowRated = sqlCount(q.value(9));
        out << u;
    }
    return out;
}

} // namespace RagScope
