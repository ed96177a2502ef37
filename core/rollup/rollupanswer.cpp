#include "rollupanswer.h"

#include "metrics/metricscollector.h"
#include "metrics/metricsqueries.h"
#include "metrics/sqlvalues.h"
#include "rolluplatency.h"
#include "rolluptopusers.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace RagScope {

using namespace RollupSql;

namespace {

// Column positions of RollupSql::sumColumnNames().
constexpr int Cost = 4, Priced = 6, ConfUnknown = 17, ConfSum = 18, FirstLatency = 19, WithFeedback = 25;

/// Sorted by day, then model byte-wise with NULL last (as MetricsSql::dailyCost()).
using DailyKey = std::tuple<QString, bool, QString>;

} // namespace

RollupAnswer::RollupAnswer(
    StorePtr store, const Filter& filter, const RollupPlan& plan, std::shared_ptr<EdgeReads> reads)
    : m_store(std::move(store))
    , m_d(m_store->dialect())
    , m_filter(filter)
    , m_plan(plan)
    , m_reads(reads ? std::move(reads) : std::make_shared<EdgeReads>())
{ }

void RollupAnswer::add(const SqlDialect& d, const QVariantList& sums, qint64 sign, Totals* t)
{
    for (int c = 0; c < SumColumns; ++c) {
        const QVariant& v = sums.at(c);
        if (c == Cost)
            t->cost = sign > 0 ? t->cost + d.moneyValue(v) : t->cost - d.moneyValue(v);
        else if (c == ConfSum)
            t->confSum += double(sign) * v.toDouble();
        else if (c >= FirstLatency && c < FirstLatency + 6 && (c - FirstLatency) % 2 == 1)
            t->latencySum[size_t((c - FirstLatency) / 2)] += double(sign) * v.toDouble();
        else
            t->counts[size_t(c)] += sign * sqlCount(v);
    }
}

Result<RollupAnswer::Totals> RollupAnswer::sums(EdgeReads::Feedback feedback) const
{
    Totals t;
    for (const RollupPlan::Part& part : m_plan.middle(m_d, RollupPlan::Table::Rows)) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT %1 FROM %2 r WHERE %3").arg(sum(m_d), part.table, w.sql), w.values));
        if (q.next()) {
            QVariantList row;
            for (int c = 0; c < SumColumns; ++c)
                row << q.value(c);
            add(m_d, row, 1, &t);
        }
    }
    for (const RollupEdge& edge : m_plan.edges) {
        RAGSCOPE_TRY(groups, m_reads->groups(*m_store, edge, feedback));
        for (const EdgeReads::Group& g : groups)
            add(m_d, g.sums, edge.sign(), &t);
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
    k.avgConfidence = meanOf(t.confSum, k.requests - t.counts[17]);
    k.avgLatencyMs = meanOf(t.latencySum[0], t.counts[FirstLatency]);
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
    RAGSCOPE_TRY(t, sums(EdgeReads::Feedback::Skip));
    return kpisOf(t);
}

Result<ConfidenceHistogram> RollupAnswer::confidenceHistogram() const
{
    RAGSCOPE_TRY(t, sums(EdgeReads::Feedback::Skip));
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
    RAGSCOPE_TRY(t, sums(EdgeReads::Feedback::Read));
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
        RAGSCOPE_TRY(groups, m_reads->groups(*m_store, edge, EdgeReads::Feedback::Read));
        for (const EdgeReads::Group& g : groups) {
            if (g.rating < 1 || g.rating > 5)
                continue;
            const qint64 requests = sqlCount(g.sums.at(0));
            n[size_t(g.rating - 1)] += edge.sign() * requests;
            confN[size_t(g.rating - 1)] += edge.sign() * (requests - sqlCount(g.sums.at(ConfUnknown)));
            confSum[size_t(g.rating - 1)] += double(edge.sign()) * g.sums.at(ConfSum).toDouble();
        }
    }
    ConfidenceByRating c;
    for (size_t r = 0; r < 5; ++r) {
        c.counts[r] = n[r];
        c.avgConfidence[r] = meanOf(confSum[r], confN[r]);
    }
    return c;
}

Result<LatencyPercentiles> RollupAnswer::latencyPercentiles() const
{
    if (!info(m_plan.grain).sketches) // day × user rows keep no sketches: the user's index narrows it
        return MetricsCollector(m_store).latencyPercentiles(m_filter);
    return RollupLatency(m_store, m_filter, m_plan, m_reads).percentiles();
}

Result<QList<LatencyPoint>> RollupAnswer::latencyOverTime(TimeBucket bucket) const
{
    if (!info(m_plan.grain).sketches)
        return MetricsCollector(m_store).latencyOverTime(m_filter, bucket);
    return RollupLatency(m_store, m_filter, m_plan, m_reads).overTime(bucket);
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
        RAGSCOPE_TRY(groups, m_reads->groups(*m_store, edge, EdgeReads::Feedback::Skip));
        for (const EdgeReads::Group& g : groups) {
            DailyCost c;
            c.day = g.day;
            if (!g.model.isNull())
                c.model = g.model.toString();
            c.requests = sqlCount(g.sums.at(0));
            c.promptTokens = sqlCount(g.sums.at(1));
            c.completionTokens = sqlCount(g.sums.at(2));
            c.cost = m_d.moneyValue(g.sums.at(Cost));
            c.unpricedRequests = c.requests - sqlCount(g.sums.at(Priced));
            addCell(c, edge.sign());
        }
    }
    QList<DailyCost> out;
    for (const auto& [key, cell] : cells)
        if (cell.requests != 0) // a subtracted edge can empty a day
            out << cell;
    return out;
}

Result<QList<UserStats>> RollupAnswer::userStats(int limit) const
{
    return RollupTopUsers(m_store, m_filter, m_plan).top(limit);
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
    RAGSCOPE_TRY(t, sums(EdgeReads::Feedback::Read));
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
