#pragma once

#include "money.h"
#include "pricetable.h"

#include <QDateTime>

#include <optional>

namespace RagScope {

/// Projection per the store contract: daily average over the window, × 30 and × 365.
struct CostProjection
{
    Money dailyAverage;
    Money monthly;
    Money annual;
};

/// Exact token cost from a price table, projections, and display formatting.
class CostTracker
{
public:
    explicit CostTracker(PriceTable table = PriceTable::builtIn());

    const PriceTable& priceTable() const { return m_table; }

    /// Cost of one chat answer: (prompt × input + completion × output) / 1e6, rounded half-to-even
    /// to 8 places, at the price in effect at `at` (invalid: now). None when the model has no
    /// price then (never a guess).
    std::optional<Money> chatCost(
        const QString& model, qint64 promptTokens, qint64 completionTokens, const QDateTime& at = {}) const;
    /// Cost of embedding `tokens` with an embedding model (input price only); none if unknown.
    std::optional<Money> embeddingCost(const QString& model, qint64 tokens) const;

    /// Daily average = total ÷ window length in days (fractional); monthly = daily × 30, annual =
    /// daily × 365, each computed exactly (total × 30 ÷ days…) and rounded once, half-to-even.
    static CostProjection project(Money total, const QDateTime& from, const QDateTime& to);

private:
    PriceTable m_table;
};

} // namespace RagScope
