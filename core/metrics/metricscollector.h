#pragma once

#include "metricstypes.h"
#include "overviewreport.h"
#include "rollup/rollupplan.h"
#include "store/store.h"

#include <QList>

namespace RagScope {

class EdgeReads;
class RollupAnswer;

/// Computes every dashboard metric for a Filter, aggregated in SQL in both dialects
/// (GROUP BY, percentile_cont or its window-function twin): cost grows with the number of
/// result points, never with the number of rows. Blocking: call it from a worker thread.
class MetricsCollector
{
public:
    /// Exact: every figure from the base tables (the CLI's default). FromRollups: windows that
    /// RagScope's rollups cover answer from them (RollupAnswer: counts and money still exact,
    /// percentiles within 1%), the rest raw (the dashboard's default).
    enum class Answering { Exact, FromRollups };

    /// `reads`: share the raw reads of the rollups' window edges with the other collectors of one
    /// refresh (EdgeReads); none: each call reads its own.
    explicit MetricsCollector(
        StorePtr store, Answering answering = Answering::Exact, std::shared_ptr<EdgeReads> reads = nullptr);

    Result<KpiTotals> kpis(const Filter& filter) const;
    Result<LatencyPercentiles> latencyPercentiles(const Filter& filter) const;
    Result<ConfidenceHistogram> confidenceHistogram(const Filter& filter) const;
    Result<RatingSummary> ratings(const Filter& filter) const;
    /// Sorted by day, then model (NULL model last).
    Result<QList<DailyCost>> dailyCost(const Filter& filter) const;
    Result<QList<LatencyPoint>> latencyOverTime(const Filter& filter, TimeBucket bucket) const;
    Result<ConfidenceByRating> confidenceByRating(const Filter& filter) const;
    Result<QList<UserStats>> userStats(const Filter& filter, int limit) const;
    Result<SystemStats> systemStats() const;
    /// Empty summary when the store has no reviews table.
    Result<ReviewSummary> reviewSummary(const Filter& filter) const;

    /// The Overview's figures of one window: totals, p95 latency, ratings, projection.
    Result<OverviewFigures> overviewFigures(const Filter& filter) const;
    /// This window and the previous window of the same length (Overview page, `stats --compare`).
    Result<OverviewReport> overview(const Filter& filter) const;

    /// All of contract §5 in one go.
    Result<StatsReport> report(const Filter& filter) const;

    /// Whether this collector answers `filter` from rollups (FromRollups and a RollupPlan exists).
    Result<bool> usesRollups(const Filter& filter) const;

    /// Hour buckets for windows up to 3 days, day buckets beyond.
    static TimeBucket bucketFor(const Filter& filter);

private:
    /// A rollup plan when answering from rollups and they cover `filter`, else none.
    Result<std::optional<RollupPlan>> planFor(const Filter& filter) const;
    Result<std::optional<RollupPlan>> planFor(const Filter& filter, RollupSql::Grain grain) const;
    Result<qint64> reviewCount() const;
    RollupAnswer answer(const Filter& filter, const RollupPlan& plan) const;

    StorePtr m_store;
    Answering m_answering;
    std::shared_ptr<EdgeReads> m_reads;
};

} // namespace RagScope
