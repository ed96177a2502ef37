#include "rollupanswer.h"

#include "metrics/metricscollector.h"
#include "metrics/metricsqueries.h"
#include "metrics/sqlvalues.h"
#include "opendayuserrows.h"
#include "quarteruserrows.h"
#include "rolluplatency.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace RagScope {

using namespace RollupSql;

namespace {

// Column positions of RollupSql::sumColumnNames().
constexpr int Cost = 4, ConfSum = 18, FirstLatency = 19, WithFeedback = 25;

std::optional<double> ratio(double sum, qint64 n)
{
    return n > 0 ? std::optional<double>(sum / double(n)) : std::nullopt;
}

/// Sorted by day, then model byte-wise with NULL last (as MetricsSql::dailyCost()).
using DailyKey = std::tuple<QString, bool, QString>;

qint64 seconds(const RollupEdge& edge)
{
    return edge.window.from.secsTo(edge.window.to);
}

} // namespace

RollupAnswer::RollupAnswer(StorePtr store, const Filter& filter, const RollupPlan& plan)
    : m_store(std::move(store))
    , m_d(m_store->dialect())
    , m_filter(filter)
    , m_plan(plan)
{ }

void RollupAnswer::add(const SqlDialect& d, const QSqlQuery& q, qint64 sign, Totals* t)
{
    for (int c = 0; c < SumColumns; ++c) {
        if (c == Cost)
            t->cost = sign > 0 ? t->cost + d.moneyValue(q.value(c)) : t->cost - d.moneyValue(q.value(c));
        else if (c == ConfSum)
            t->confSum += double(sign) * q.value(c).toDouble();
        else if (c >= FirstLatency && c < FirstLatency + 6 && (c - FirstLatency) % 2 == 1)
            t->latencySum[size_t((c - FirstLatency) / 2)] += double(sign) * q.value(c).toDouble();
        else
            t->counts[size_t(c)] += sign * sqlCount(q.value(c));
    }
}

Result<RollupAnswer::Totals> RollupAnswer::sums(Feedback feedback) const
{
    Totals t;
    for (const RollupPlan::Part& part : m_plan.middle(m_d, RollupPlan::Table::Rows)) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT %1 FROM %2 r WHERE %3").arg(sum(m_d), part.table, w.sql), w.values));
        if (q.next())
            add(m_d, q, 1, &t);
    }
    // Probing each raw row's feedback is most of an edge's cost: only when the caller reads it.
    const bool join = feedback == Feedback::Read;
    for (const RollupEdge& edge : m_plan.edges) {
        const SqlWhere e = filterWhere(m_d, edge.window, QStringLiteral("i"));
        RAGSCOPE_TRY(raw,
            m_store->exec(QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                              .arg(aggregate(m_d, false, join ? QStringLiteral("f.") : QString()),
                                  join ? interactionsWithFeedback(m_d, true, seconds(edge))
                                       : QStringLiteral("chat_interactions i"),
                                  e.sql),
                e.values));
        if (raw.next())
            add(m_d, raw, edge.sign(), &t);
    }
    return t;
}

KpiTotals RollupAnswer::kpisOf(const Totals& t)
{
    KpiTotals k;
    k.requests = t.counts[0];
    k.promptTokens = t.counts[1];
    k.completionTokens = t.counts[2];
    k.totalTokens = t.counts[3];
    k.totalCost = t.cost;
    k.unpricedRequests = t.counts[5];
    k.avgConfidence = ratio(t.confSum, k.requests - t.counts[17]);
    k.avgLatencyMs = ratio(t.latencySum[0], t.counts[FirstLatency]);
    return k;
}

ConfidenceHistogram RollupAnswer::confidenceOf(const Totals& t)
{
    ConfidenceHistogram h;
    for (size_t b = 0; b < 10; ++b)
        h.buckets[b] = t.counts[7 + b];
    h.unknown = t.counts[17];
    return h;
}

Result<KpiTotals> RollupAnswer::kpis() const
{
    RAGSCOPE_TRY(t, sums(Feedback::Skip));
    return kpisOf(t);
}

Result<ConfidenceHistogram> RollupAnswer::confidenceHistogram() const
{
    RAGSCOPE_TRY(t, sums(Feedback::Skip));
    return confidenceOf(t);
}

Status RollupAnswer::addRatings(RatingSummary* s) const
{
    const auto addRows = [s](QSqlQuery& rows, qint64 sign) {
        while (rows.next()) {
            const int rating = rows.value(0).toInt();
            if (rating >= 1 && rating <= 5)
                s->counts[size_t(rating - 1)] += sign * sqlCount(rows.value(1));
        }
    };
    for (const RollupPlan::Part& part : m_plan.middle(m_d, RollupPlan::Table::Feedback)) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT r.rating, SUM(r.feedbacks) FROM %1 r WHERE %2 GROUP BY r.rating")
                    .arg(part.table, w.sql),
                w.values));
        addRows(q, 1);
    }
    for (const RollupEdge& edge : m_plan.edges) {
        const BoundSql hist = MetricsSql::ratingHistogram(m_d, edge.window);
        RAGSCOPE_TRY(raw, m_store->exec(hist.sql, hist.values));
        addRows(raw, edge.sign());
    }
    qint64 weighted = 0;
    for (int i = 0; i < 5; ++i)
        weighted += (i + 1) * s->counts[size_t(i)];
    if (s->total() > 0)
        s->average = double(weighted) / double(s->total());
    return Done {};
}

Result<RatingSummary> RollupAnswer::ratings() const
{
    RAGSCOPE_TRY(t, sums(Feedback::Read));
    RatingSummary s;
    s.interactions = t.counts[0];
    s.interactionsWithFeedback = t.counts[WithFeedback];
    RAGSCOPE_TRY(added, addRatings(&s));
    return s;
}

Result<ConfidenceByRating> RollupAnswer::confidenceByRating() const
{
    if (!info(m_plan.grain).sketches || m_store->schemaVersion() < 5) // kept per hour × model only
        return MetricsCollector(m_store).confidenceByRating(m_filter);
    std::array<qint64, 5> n {}, confN {};
    std::array<double, 5> confSum {};
    const auto read = [&](QSqlQuery& q, qint64 sign) {
        while (q.next()) {
            const int rating = q.value(0).toInt();
            if (rating < 1 || rating > 5)
                continue;
            n[size_t(rating - 1)] += sign * sqlCount(q.value(1));
            confN[size_t(rating - 1)] += sign * sqlCount(q.value(2));
            confSum[size_t(rating - 1)] += double(sign) * q.value(3).toDouble();
        }
    };
    for (const RollupPlan::Part& part : m_plan.middle(m_d, RollupPlan::Table::Ratings)) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT r.rating, SUM(r.interactions), SUM(r.conf_n), SUM(r.conf_sum)"
                               " FROM %1 r WHERE %2 GROUP BY r.rating")
                    .arg(part.table, w.sql),
                w.values));
        read(q, 1);
    }
    for (const RollupEdge& edge : m_plan.edges) {
        const SqlWhere e = filterWhere(m_d, edge.window, QStringLiteral("i"));
        RAGSCOPE_TRY(raw,
            m_store->exec(
                QStringLiteral("SELECT f.rating, COUNT(*), COUNT(i.confidence_score), SUM(i.confidence_score)"
                               " FROM %1 WHERE %2 GROUP BY f.rating")
                    .arg(interactionsWithFeedback(m_d, false, seconds(edge)), e.sql),
                e.values));
        read(raw, edge.sign());
    }
    ConfidenceByRating c;
    for (size_t r = 0; r < 5; ++r) {
        c.counts[r] = n[r];
        c.avgConfidence[r] = ratio(confSum[r], confN[r]);
    }
    return c;
}

Result<LatencyPercentiles> RollupAnswer::latencyPercentiles() const
{
    if (!info(m_plan.grain).sketches) // day × user rows keep no sketches: the user's index narrows it
        return MetricsCollector(m_store).latencyPercentiles(m_filter);
    return RollupLatency(m_store, m_filter, m_plan).percentiles();
}

Result<QList<LatencyPoint>> RollupAnswer::latencyOverTime(TimeBucket bucket) const
{
    if (!info(m_plan.grain).sketches)
        return MetricsCollector(m_store).latencyOverTime(m_filter, bucket);
    return RollupLatency(m_store, m_filter, m_plan).overTime(bucket);
}

Result<QList<DailyCost>> RollupAnswer::dailyCost() const
{
    const MetricsCollector raw(m_store);
    if (!info(m_plan.grain).sketches) // day × user rows keep no models
        return raw.dailyCost(m_filter);
    std::map<DailyKey, DailyCost> cells;
    const auto addCell = [&cells](const DailyCost& c, qint64 sign) {
        DailyCost& cell = cells[DailyKey { c.day, !c.model.has_value(), c.model.value_or(QString()) }];
        cell.day = c.day;
        cell.model = c.model;
        cell.requests += sign * c.requests;
        cell.promptTokens += sign * c.promptTokens;
        cell.completionTokens += sign * c.completionTokens;
        cell.cost = sign > 0 ? cell.cost + c.cost : cell.cost - c.cost;
        cell.unpricedRequests += sign * c.unpricedRequests;
    };
    for (const RollupPlan::Part& part : m_plan.middle(m_d, RollupPlan::Table::Rows)) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral(
                    "SELECT %1, r.model_name, CAST(SUM(r.requests) AS BIGINT),"
                    " CAST(SUM(r.prompt_tokens) AS BIGINT), CAST(SUM(r.completion_tokens) AS BIGINT),"
                    " %2, CAST(SUM(r.requests - r.priced) AS BIGINT) FROM %3 r WHERE %4"
                    " GROUP BY %1, r.model_name")
                    .arg(m_d.dayOf(QStringLiteral("r.bucket")), m_d.costSum(QStringLiteral("r")), part.table,
                        w.sql),
                w.values));
        while (q.next())
            addCell(MetricsSql::dailyCostRow(q, m_d), 1);
    }
    for (const RollupEdge& edge : m_plan.edges) {
        RAGSCOPE_TRY(rows, raw.dailyCost(edge.window));
        for (const DailyCost& c : rows)
            addCell(c, edge.sign());
    }
    QList<DailyCost> out;
    for (const auto& [key, cell] : cells)
        if (cell.requests != 0) // a subtracted edge can empty a day
            out << cell;
    return out;
}

Result<QList<UserStats>> RollupAnswer::userStats(int limit) const
{
    // Every part's rows per user are summed and ranked by one statement, which sends back only the
    // top rows: a statement per part sent every user's row back (four times ~2,000 rows for 90 days),
    // and that transfer and its merge here were a third of the table's time.
    const QString cost = m_d.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1);
    const QString names
        = QStringLiteral(" AS user_id, %1 AS requests, %2 AS %3, %4 AS total_sum, %5 AS total_n,"
                         " %6 AS conf_sum, %7 AS conf_n, %8 AS rating_total, %9 AS rating_n,"
                         " %10 AS low_rated, %11 AS unpriced");
    QStringList parts;
    QVariantList values;
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
            parts << QStringLiteral("SELECT i.user_id")
                    + names.arg(signed_(QStringLiteral("COUNT(*)")),
                        signed_(QStringLiteral("SUM(%1)").arg(m_d.costColumn(QStringLiteral("i")))), cost,
                        signed_(QStringLiteral("SUM(i.total_latency_ms)")),
                        signed_(QStringLiteral("COUNT(i.total_latency_ms)")),
                        signed_(QStringLiteral("SUM(i.confidence_score)")),
                        signed_(QStringLiteral("COUNT(i.confidence_score)")),
                        signed_(QStringLiteral("SUM(f.rating)")), signed_(QStringLiteral("COUNT(f.rating)")),
                        signed_(QStringLiteral("SUM(CASE WHEN f.rating <= 2 THEN 1 ELSE 0 END)")),
                        signed_(QStringLiteral("(COUNT(*) - COUNT(%1))")
                                    .arg(m_d.costColumn(QStringLiteral("i")))))
                    + QStringLiteral(" FROM %1 WHERE %2 GROUP BY i.user_id")
                          .arg(interactionsWithFeedback(m_d, true, seconds(edge)), e.sql);
            values += e.values;
        }
    }
    if (parts.isEmpty())
        return QList<UserStats> {};
    // As MetricsSql::userStats(): most requests first, then the id byte-wise; a user whose rows a
    // subtracted edge cancels out is left out.
    RAGSCOPE_TRY(q,
        m_store->exec(
            QStringLiteral("SELECT u.user_id, SUM(u.requests), %1, SUM(u.total_sum), SUM(u.total_n),"
                           " SUM(u.conf_sum), SUM(u.conf_n), SUM(u.rating_total), SUM(u.rating_n),"
                           " SUM(u.low_rated), SUM(u.unpriced) FROM (%2) u GROUP BY u.user_id"
                           " HAVING SUM(u.requests) <> 0 ORDER BY SUM(u.requests) DESC, u.user_id%3 LIMIT ?")
                .arg(m_d.costSum(QStringLiteral("u")), parts.join(QStringLiteral(" UNION ALL ")),
                    m_d.byteOrder()),
            values + QVariantList { qMax(limit, 0) }));
    QList<UserStats> out;
    while (q.next()) {
        UserStats u;
        u.user = q.value(0).toString();
        u.requests = sqlCount(q.value(1));
        u.cost = m_d.moneyValue(q.value(2));
        u.unpricedRequests = sqlCount(q.value(10));
        u.avgLatencyMs = ratio(q.value(3).toDouble(), sqlCount(q.value(4)));
        u.avgConfidence = ratio(q.value(5).toDouble(), sqlCount(q.value(6)));
        u.avgRating = ratio(q.value(7).toDouble(), sqlCount(q.value(8)));
        u.lowRated = sqlCount(q.value(9));
        out << u;
    }
    return out;
}

Result<StatsReport> RollupAnswer::report() const
{
    RAGSCOPE_TRY(r, summary());
    RAGSCOPE_TRY(daily, dailyCost());
    r.dailyCost = daily;
    return r;
}

Result<StatsReport> RollupAnswer::summary() const
{
    StatsReport r;
    r.filter = m_filter;
    RAGSCOPE_TRY(t, sums(Feedback::Read));
    r.kpis = kpisOf(t);
    r.confidence = confidenceOf(t);
    r.ratings.interactions = r.kpis.requests;
    r.ratings.interactionsWithFeedback = t.counts[WithFeedback];
    RAGSCOPE_TRY(ok, addRatings(&r.ratings));
    RAGSCOPE_TRY(latency, latencyPercentiles());
    r.latency = latency;
    r.projection = CostTracker::project(r.kpis.totalCost, m_filter.from, m_filter.to);
    return r;
}

} // namespace RagScope
