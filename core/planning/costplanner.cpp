#include "costplanner.h"

#include "pricing/costledger.h"

namespace RagScope {

Result<BurnDown> CostPlanner::burnDown(const StorePtr& store, const PriceTable& prices, CostView view,
    const QDate& asOf, std::optional<Money> budget, const std::optional<QString>& model,
    MetricsCollector::Answering answering)
{
    const QDate first = asOf.addDays(-BurnDownPlanner::HistoryDays);
    Filter filter;
    filter.from = QDateTime(first, QTime(0, 0), Qt::UTC);
    filter.to = QDateTime(asOf, QTime(0, 0), Qt::UTC);
    filter.model = model;
    if (view == CostView::Stored && answering == MetricsCollector::Answering::FromRollups) {
        // Eight weeks of stored cost by day: a few thousand rollup rows instead of millions of
        // interactions (the Overview's budget card at launch).
        RAGSCOPE_TRY(days, MetricsCollector(store, answering).dailyCost(filter));
        return BurnDownPlanner::plan(CostLedger::dailySeries(days, first, asOf), first, asOf, budget);
    }
    RAGSCOPE_TRY(ledger, CostLedger::load(store, filter, prices));
    return BurnDownPlanner::plan(ledger.dailySeries(view, first, asOf), first, asOf, budget);
}

} // namespace RagScope
