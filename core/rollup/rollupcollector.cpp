#include "rollupcollector.h"

#include "metrics/metricscollector.h"
#include "rollupanswer.h"
#include "rollupplan.h"

namespace RagScope {

RollupCollector::RollupCollector(StorePtr store)
    : m_store(std::move(store))
{ }

Result<RollupReport> RollupCollector::report(const Filter& filter) const
{
    RollupReport answer;
    RAGSCOPE_TRY(plan, RollupPlan::make(*m_store, filter));
    if (!plan) {
        RAGSCOPE_TRY(r, MetricsCollector(m_store).report(filter));
        answer.report = r;
        return answer;
    }
    RAGSCOPE_TRY(r, RollupAnswer(m_store, filter, *plan).report());
    answer.report = r;
    answer.fromRollups = true;
    return answer;
}

} // namespace RagScope
