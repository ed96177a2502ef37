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

/// The figures of MetricsCollector::report() answered from RagScope's rollups where a RollupPlan
/// exists (RollupAnswer), else raw, saying which. A user and a model together, a store without
/// rollups, or a window without a whole bucket before the horizon read everything raw.
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
