#pragma once

#include "metrics/metricstypes.h"
#include "store/store.h"

namespace RagScope {

/// SystemStats (the store's totals and the filter pickers' choices) from the rollups plus the
/// rows after their horizons, instead of four passes over the whole store. Counts are those of the
/// last refresh for closed hours and exact from there on. Blocking: call it from a worker thread.
class RollupSystemStats
{
public:
    explicit RollupSystemStats(StorePtr store)
        : m_store(std::move(store))
    { }

    /// Without reviews (MetricsCollector adds them); none when the store has no refreshed rollups.
    Result<std::optional<SystemStats>> stats(int maxUsers) const;

private:
    StorePtr m_store;
};

} // namespace RagScope
