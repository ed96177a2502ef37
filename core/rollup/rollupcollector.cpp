#include "rollupcollector.h"

#include "latencysketch.h"
#include "metrics/filtersql.h"
#include "metrics/metricscollector.h"
#include "metrics/metricsqueries.h"
#include "metrics/sqlvalues.h"
#include "rolluprefresher.h"
#include "rollupsql.h"

#include <map>
#include <tuple>

namespace RagScope {

using namespace RollupSql;

namespace {

/// One row of RollupSql::aggregate() / sum(), added up over the middle and the edges.
struct Totals
{
    std::array<qint64, SumColumns> counts {}; ///< every column but cost and the double sums
    Money cost;
    double confSum = 0;
    std::array<double, 3> latencySum {};

    static constexpr int Cost = 4, ConfSum = 18, FirstLatency = 19;
    qint64 at(int column) const { return counts[size_t(column)]; }

    void add(const SqlDialect& d, const QSqlQuery& q)
    {
        for (int c = 0; c < SumColumns; ++c) {
            if (c == Cost)
                cost += d.moneyValue(q.value(c));
            else if (c == ConfSum)
                confSum += q.value(c).toDouble();
            else if (c >= FirstLatency && c < FirstLatency + 6 && (c - FirstLatency) % 2 == 1)
                latencySum[size_t((c - FirstLatency) / 2)] += q.value(c).toDouble();
            else
                counts[size_t(c)] += sqlCount(q.value(c));
        }
    }
};

std::optional<double> ratio(double sum, qint64 n)
{
    return n > 0 ? std::optional<double>(sum / double(n)) : std::nullopt;
}

QDateTime floorTo(const QDateTime& t, qint64 seconds)
{
    const qint64 ms = t.toMSecsSinceEpoch();
    const qint64 unit = seconds * 1000;
    return QDateTime::fromMSecsSinceEpoch(ms - ((ms % unit) + unit) % unit, Qt::UTC);
}

QDateTime ceilTo(const QDateTime& t, qint64 seconds)
{
    const QDateTime f = floorTo(t, seconds);
    return f == t ? f : f.addSecs(seconds);
}

/// Sorted by day, then model byte-wise with NULL last (as MetricsSql::dailyCost()).
using DailyKey = std::tuple<QString, bool, QString>;

class Answer
{
public:
    Answer(StorePtr store, const Filter& filter, Grain grain, const QDateTime& from, const QDateTime& to)
        : m_store(std::move(store))
        , m_d(m_store->dialect())
        , m_filter(filter)
        , m_grain(grain)
        , m_middleFrom(from)
        , m_middleTo(to)
    {
        if (filter.from < from)
            m_edges << Filter { filter.from, from, filter.user, filter.model };
        if (to < filter.to)
            m_edges << Filter { to, filter.to, filter.user, filter.model };
    }

    Result<StatsReport> report() const
    {
        StatsReport r;
        r.filter = m_filter;
        RAGSCOPE_TRY(totals, sums());
        r.kpis.requests = totals.at(0);
        r.kpis.promptTokens = totals.at(1);
        r.kpis.completionTokens = totals.at(2);
        r.kpis.totalTokens = totals.at(3);
        r.kpis.totalCost = totals.cost;
        r.kpis.unpricedRequests = totals.at(5);
        for (size_t b = 0; b < 10; ++b)
            r.confidence.buckets[b] = totals.at(7 + int(b));
        r.confidence.unknown = totals.at(17);
        r.kpis.avgConfidence = ratio(totals.confSum, r.kpis.requests - r.confidence.unknown);
        r.kpis.avgLatencyMs = ratio(totals.latencySum[0], totals.at(Totals::FirstLatency));
        r.ratings.interactions = r.kpis.requests;
        r.ratings.interactionsWithFeedback = totals.at(25);
        RAGSCOPE_TRY(ok1, ratings(&r.ratings));
        const MetricsCollector raw(m_store);
        if (info(m_grain).sketches) {
            RAGSCOPE_TRY(latency, percentiles());
            r.latency = latency;
            RAGSCOPE_TRY(daily, dailyCost());
            r.dailyCost = daily;
        } else { // day × user rows keep no sketches and no models: these come from the user's index
            RAGSCOPE_TRY(latency, raw.latencyPercentiles(m_filter));
            r.latency = latency;
            RAGSCOPE_TRY(daily, raw.dailyCost(m_filter));
            r.dailyCost = daily;
        }
        r.projection = CostTracker::project(r.kpis.totalCost, m_filter.from, m_filter.to);
        return r;
    }

private:
    /// "r.bucket >= ? AND r.bucket < ? [AND r.<key> = ?]" over the middle.
    SqlWhere middle() const
    {
        SqlWhere w;
        w.add(QStringLiteral("r.bucket >= %1").arg(m_d.timeParam()), { m_d.bindTime(m_middleFrom) });
        w.add(QStringLiteral("r.bucket < %1").arg(m_d.timeParam()), { m_d.bindTime(m_middleTo) });
        const std::optional<QString>& key = m_grain == Grain::HourModel ? m_filter.model : m_filter.user;
        if (key)
            w.add(QStringLiteral("r.%1 = ?").arg(info(m_grain).key), { *key });
        return w;
    }

    Result<Totals> sums() const
    {
        Totals t;
        const SqlWhere w = middle();
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT %1 FROM %2 r WHERE %3").arg(sum(m_d), info(m_grain).table, w.sql),
                w.values));
        if (q.next())
            t.add(m_d, q);
        for (const Filter& edge : m_edges) {
            const SqlWhere e = filterWhere(m_d, edge, QStringLiteral("i"));
            RAGSCOPE_TRY(raw,
                m_store->exec(QStringLiteral("SELECT %1 FROM chat_interactions i LEFT JOIN chat_feedbacks f"
                                             " ON f.interaction_id = i.id WHERE %2")
                                  .arg(aggregate(m_d, false), e.sql),
                    e.values));
            if (raw.next())
                t.add(m_d, raw);
        }
        return t;
    }

    Status ratings(RatingSummary* s) const
    {
        const SqlWhere w = middle();
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral("SELECT r.rating, SUM(r.feedbacks) FROM %1 r WHERE %2 GROUP BY r.rating")
                    .arg(info(m_grain).feedbackTable, w.sql),
                w.values));
        const auto addRows = [s](QSqlQuery& rows) {
            while (rows.next()) {
                const int rating = rows.value(0).toInt();
                if (rating >= 1 && rating <= 5)
                    s->counts[size_t(rating - 1)] += sqlCount(rows.value(1));
            }
        };
        addRows(q);
        for (const Filter& edge : m_edges) {
            const BoundSql hist = MetricsSql::ratingHistogram(m_d, edge);
            RAGSCOPE_TRY(raw, m_store->exec(hist.sql, hist.values));
            addRows(raw);
        }
        qint64 weighted = 0;
        for (int i = 0; i < 5; ++i)
            weighted += (i + 1) * s->counts[size_t(i)];
        if (s->total() > 0)
            s->average = double(weighted) / double(s->total());
        return Done {};
    }

    Result<LatencyPercentiles> percentiles() const
    {
        std::array<LatencySketch, 3> sketches;
        const SqlWhere w = middle();
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral(
                    "SELECT r.total_sketch, r.retrieval_sketch, r.generation_sketch FROM %1 r WHERE %2")
                    .arg(info(m_grain).table, w.sql),
                w.values));
        while (q.next()) {
            for (int c = 0; c < 3; ++c) {
                if (!q.value(c).isNull() && !sketches[size_t(c)].mergeBytes(q.value(c).toByteArray()))
                    return makeError(ErrorKind::Corrupt,
                        QStringLiteral("a latency sketch in %1 is damaged (run `ragscope-cli rollup`)")
                            .arg(info(m_grain).table));
            }
        }
        for (const Filter& edge : m_edges) {
            const SqlWhere e = filterWhere(m_d, edge, QStringLiteral("i"));
            RAGSCOPE_TRY(raw,
                m_store->exec(QStringLiteral(
                                  "SELECT i.total_latency_ms, i.retrieval_latency_ms, i.generation_latency_ms"
                                  " FROM chat_interactions i WHERE %1")
                                  .arg(e.sql),
                    e.values));
            while (raw.next())
                for (int c = 0; c < 3; ++c)
                    if (!raw.value(c).isNull())
                        sketches[size_t(c)].add(raw.value(c).toDouble());
        }
        LatencyPercentiles p;
        for (size_t l = 0; l < Percentiles::Levels.size(); ++l) {
            p.total.values[l] = sketches[0].quantile(Percentiles::Levels[l]);
            p.retrieval.values[l] = sketches[1].quantile(Percentiles::Levels[l]);
            p.generation.values[l] = sketches[2].quantile(Percentiles::Levels[l]);
        }
        return p;
    }

    Result<QList<DailyCost>> dailyCost() const
    {
        std::map<DailyKey, DailyCost> cells;
        const auto addCell = [&cells](const DailyCost& c) {
            DailyCost& cell = cells[DailyKey { c.day, !c.model.has_value(), c.model.value_or(QString()) }];
            cell.day = c.day;
            cell.model = c.model;
            cell.requests += c.requests;
            cell.promptTokens += c.promptTokens;
            cell.completionTokens += c.completionTokens;
            cell.cost += c.cost;
            cell.unpricedRequests += c.unpricedRequests;
        };
        const SqlWhere w = middle();
        RAGSCOPE_TRY(q,
            m_store->exec(
                QStringLiteral(
                    "SELECT %1, r.model_name, CAST(SUM(r.requests) AS BIGINT),"
                    " CAST(SUM(r.prompt_tokens) AS BIGINT), CAST(SUM(r.completion_tokens) AS BIGINT),"
                    " %2, CAST(SUM(r.requests - r.priced) AS BIGINT) FROM %3 r WHERE %4"
                    " GROUP BY %1, r.model_name")
                    .arg(m_d.dayOf(QStringLiteral("r.bucket")), m_d.costSum(QStringLiteral("r")),
                        info(m_grain).table, w.sql),
                w.values));
        while (q.next())
            addCell(MetricsSql::dailyCostRow(q, m_d));
        const MetricsCollector raw(m_store);
        for (const Filter& edge : m_edges) {
            RAGSCOPE_TRY(rows, raw.dailyCost(edge));
            for (const DailyCost& c : rows)
                addCell(c);
        }
        QList<DailyCost> out;
        for (const auto& [key, cell] : cells)
            out << cell;
        return out;
    }

    StorePtr m_store;
    SqlDialect m_d;
    Filter m_filter;
    Grain m_grain;
    QDateTime m_middleFrom;
    QDateTime m_middleTo;
    QList<Filter> m_edges;
};

} // namespace

RollupCollector::RollupCollector(StorePtr store)
    : m_store(std::move(store))
{ }

Result<RollupReport> RollupCollector::report(const Filter& filter) const
{
    RollupReport answer;
    const auto rawReport = [&]() -> Result<RollupReport> {
        RAGSCOPE_TRY(r, MetricsCollector(m_store).report(filter));
        answer.report = r;
        return answer;
    };
    if ((filter.user && filter.model) || !RollupRefresher::hasRollupTables(*m_store))
        return rawReport();
    const Grain grain = filter.user ? Grain::DayUser : Grain::HourModel;
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(h,
        m_store->exec(QStringLiteral("SELECT %1 FROM ragscope_rollup_horizon WHERE grain = ?")
                          .arg(d.timeText(QStringLiteral("horizon"))),
            { info(grain).name }));
    if (!h.next())
        return rawReport(); // never refreshed
    const QDateTime horizon = SqlDialect::parseTime(h.value(0).toString());
    const QDateTime from = ceilTo(filter.from, info(grain).seconds);
    const QDateTime to = std::min(floorTo(filter.to, info(grain).seconds), horizon);
    if (from >= to)
        return rawReport(); // no whole rolled-up bucket in the window
    RAGSCOPE_TRY(r, Answer(m_store, filter, grain, from, to).report());
    answer.report = r;
    answer.fromRollups = true;
    return answer;
}

} // namespace RagScope
