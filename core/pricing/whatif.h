#pragma once

#include "costledger.h"

namespace RagScope {

/// "What if `model`'s traffic in the window had cost another price": the target is another
/// model's price (in effect at each request's time) or a typed price, applied to `share` of
/// the traffic (basis points: 10000 = all of it, 2500 = move 25%).
struct WhatIfScenario
{
    QString model;
    std::optional<QString> targetModel; ///< else typedPrice
    ModelPrice typedPrice;
    int shareBasisPoints = 10'000;
};

/// One amount before and after.
struct WhatIfAmount
{
    Money before;
    Money after;
    Money difference() const { return after - before; }
};

/// The scenario's answer: window, monthly (× 30 days) and annual (× 365 days), each rounded once
/// from the exact sum; requests the before or after price does not cover are counted apart.
struct WhatIfResult
{
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 unpricedBefore = 0; ///< requests without a price for `model` at their time
    qint64 unpricedAfter = 0; ///< moved requests without a target price at their time
    WhatIfAmount window;
    WhatIfAmount monthly;
    WhatIfAmount annual;
};

/// Re-prices one model's traffic of a CostLedger (recomputed view: tokens × price, exact).
class WhatIf
{
public:
    /// Fails on a share outside 0…10000, a model without traffic, or an amount too large to
    /// project exactly.
    static Result<WhatIfResult> evaluate(const CostLedger& ledger, const WhatIfScenario& scenario);
    /// "25" or "12.5" (percent, at most two decimals) → basis points; none if not a percentage.
    static std::optional<int> parsePercent(const QString& text);
};

} // namespace RagScope
