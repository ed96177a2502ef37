#pragma once

#include "metrics/metricstypes.h"
#include "store/store.h"

namespace RagScope {

/// A StatsReport and where it came from.
struct RollupReport
{
    StatsReport report;
    bool fromRollups = false; ///< false: rollups missing or not usable for this window, read raw
};

/// The figures of MetricsCollector::report(), answered from RagScope's rollups (migration 0004,
/// RollupRefresher) for the aligned middle of the window and from the base tables for the
/// unaligned edges and everything from the rollup horizon on (the open hour), so counts and
/// money are exactly those of the raw queries and percentiles come from merged sketches (within
/// 1%). Unfiltered and model-filtered windows use hour × model rollups; user-filtered windows
/// use day × user rollups for totals, confidence and ratings, and the raw (index-narrowed)
/// queries for percentiles and the daily cost per model. A user and a model together, a store
/// without rollups, or a window without a whole bucket before the horizon read everything raw.
/// KpiTotals::distinctUsers is not kept in rollups and stays 0 in rollup mode.
/// Blocking: call it from a worker thread.
class RollupCollector
{
public:
    explicit RollupCollector(StorePtr store);

    Result<RollupReport> report(const Filter& filter) const;

private:
    StorePtr m_store;
};

} // namespace RagScope
