#pragma once

#include "burndown.h"
#include "metrics/metricscollector.h"
#include "money/pricetable.h"
#include "pricing/costview.h"
#include "store/store.h"

namespace RagScope {

/// Reads the daily cost history a BurnDown needs (CostLedger over the HistoryDays before
/// `asOf`, all models or one) and plans the month.
class CostPlanner
{
public:
    /// `answering` FromRollups reads the stored view's daily cost from the rollups where they
    /// cover the history (exact money, as the raw sums; the dashboard's way); the recomputed view
    /// always reads the base table, which alone keeps the times prices change at.
    static Result<BurnDown> burnDown(const StorePtr& store, const PriceTable& prices, CostView view,
        const QDate& asOf, std::optional<Money> budget, const std::optional<QString>& model = {},
        MetricsCollector::Answering answering = MetricsCollector::Answering::Exact);
};

} // namespace RagScope
