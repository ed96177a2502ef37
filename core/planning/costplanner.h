#pragma once

#include "burndown.h"
#include "money/pricetable.h"
#include "pricing/costview.h"
#include "store/store.h"

namespace RagScope {

/// Reads the daily cost history a BurnDown needs (CostLedger over the HistoryDays before
/// `asOf`, all models or one) and plans the month.
class CostPlanner
{
public:
    static Result<BurnDown> burnDown(const StorePtr& store, const PriceTable& prices, CostView view,
        const QDate& asOf, std::optional<Money> budget, const std::optional<QString>& model = {});
};

} // namespace RagScope
