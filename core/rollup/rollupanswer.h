#pragma once

#include "edgereads.h"
#include "metrics/filtersql.h"
#include "metrics/metricstypes.h"
#include "rollupplan.h"
#include "store/store.h"

#include <array>

namespace RagScope {

/// Dashboard figures for one window answered from the rollups of a RollupPlan: the middle from
/// RagScope's rollup tables, the edges from the base tables, added up, so counts and money are
/// exactly those of MetricsCollector's raw queries and percentiles come from merged sketches
/// (within 1%). What a grain does not keep (sketches and models on the day × user grain) is read
/// raw, narrowed by the filter's index. Blocking: call it from a worker thread.
class RollupAnswer
{
public:
    /// `reads`: the raw edges' reads, shared with the other answers of one refresh (none: this
    /// answer's own).
    RollupAnswer(StorePtr store, const Filter& filter, const RollupPlan& plan,
        std::shared_ptr<EdgeReads> reads = nullptr);

    Result<KpiTotals> kpis() const; ///< distinctUsers is not kept in rollups: 0
    Result<ConfidenceHistogram> confidenceHistogram() const;
    Result<RatingSummary> ratings() const;
    Result<ConfidenceByRating> confidenceByRating() const;
    Result<LatencyPercentiles> latencyPercentiles() const;
    Result<QList<DailyCost>> dailyCost() const;
    Result<QList<LatencyPoint>> latencyOverTime(TimeBucket bucket) const;
    /// From the day × user grain; callers pass such a plan.
    Result<QList<UserStats>> userStats(int limit) const;
    Result<StatsReport> report() const;
    /// report() without its daily cost series: totals, confidence, ratings and percentiles,
    /// the window's edges read once for all of them (the Overview's cards).
    Result<StatsReport> summary() const;

private:
    /// The rollup columns (RollupSql::sumColumnNames()) added up over the middle and the edges.
    struct Totals
    {
        std::array<qint64, RollupSql::SumColumns> counts {}; ///< every column but cost and double sums
        Money cost;
        double confSum = 0;
        std::array<double, 3> latencySum {};
    };
    /// The middle's rows and the edges' (EdgeReads) summed; the edges' feedback columns only when
    /// `feedback` reads them (else they stay at the middle's).
    Result<Totals> sums(EdgeReads::Feedback feedback) const;
    /// Adds a row of RollupSql::sumColumnNames() values, negated for sign -1.
    static void add(const SqlDialect& d, const QVariantList& sums, qint64 sign, Totals* t);
    Status addRatings(RatingSummary* s) const;
    static KpiTotals kpisOf(const Totals& t);
    static ConfidenceHistogram confidenceOf(const Totals& t);

    StorePtr m_store;
    SqlDialect m_d;
    Filter m_filter;
    RollupPlan m_plan;
    std::shared_ptr<EdgeReads> m_reads;
};

} // namespace RagScope
