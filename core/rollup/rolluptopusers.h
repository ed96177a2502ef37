#pragma once

#include "metrics/filtersql.h"
#include "metrics/metricstypes.h"
#include "rollupplan.h"
#include "store/store.h"

namespace RagScope {

/// The busiest users of a window from the day × user grain's rollups (RollupAnswer::userStats()):
/// whole weeks, days and quarter-days from their rows, the open day from its hour rows, the rest
/// raw, ranked by the database so that only the top rows come back. Blocking: call it from a
/// worker thread.
class RollupTopUsers
{
public:
    RollupTopUsers(StorePtr store, const Filter& filter, const RollupPlan& plan);

    /// Most requests first, then the user id byte-wise (as MetricsSql::userStats()).
    Result<QList<UserStats>> top(int limit) const;

private:
    StorePtr m_store;
    SqlDialect m_d;
    Filter m_filter;
    RollupPlan m_plan;
};

} // namespace RagScope
