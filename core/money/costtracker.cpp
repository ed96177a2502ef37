#include "costtracker.h"

namespace RagScope {

namespace {
// price units are 1e-12 USD per 1e6 tokens; money units are 1e-8 USD:
// units = tokens × price / 1e6 / 1e4
constexpr qint64 PriceToMoneyDivisor = 10'000'000'000;
constexpr qint64 MsPerDay = 86'400'000;
} // namespace

CostTracker::CostTracker(PriceTable table)
    : m_table(std::move(table))
{ }

std::optional<Money> CostTracker::chatCost(
    const QString& model, qint64 promptTokens, qint64 completionTokens, const QDateTime& at) const
{
    const auto price = m_table.find(model, at.isValid() ? at : QDateTime::currentDateTimeUtc());
    if (!price)
        return std::nullopt;
    Int128 exact = Int128(promptTokens) * price->input.unitsPerMillion;
    if (price->output)
        exact += Int128(completionTokens) * price->output->unitsPerMillion;
    return Money::fromUnits(static_cast<qint64>(divideHalfEven(exact, PriceToMoneyDivisor)));
}

std::optional<Money> CostTracker::embeddingCost(const QString& model, qint64 tokens) const
{
    const auto price = m_table.find(model);
    if (!price)
        return std::nullopt;
    return Money::fromUnits(static_cast<qint64>(
        divideHalfEven(Int128(tokens) * price->input.unitsPerMillion, PriceToMoneyDivisor)));
}

CostProjection CostTracker::project(Money total, const QDateTime& from, const QDateTime& to)
{
    const qint64 windowMs = from.msecsTo(to);
    if (windowMs <= 0)
        return {};
    // Each figure from the exact quotient total × days ÷ window, rounded once: rounding the
    // daily average first and multiplying it would carry its rounding error × 365.
    return { total.scaled(MsPerDay, windowMs), total.scaled(30 * MsPerDay, windowMs),
        total.scaled(365 * MsPerDay, windowMs) };
}

} // namespace RagScope
