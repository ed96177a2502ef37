#include "whatif.h"

#include <QCoreApplication>

#include <numeric>

namespace RagScope {

namespace {

constexpr qint64 MsPerDay = 86'400'000;
constexpr qint64 FullShare = 10'000;
constexpr qint64 ExactPerMoneyUnit = 10'000'000'000;

/// exact (1e-18 USD × FullShare) × numerator ÷ denominator, rounded once; none on overflow.
std::optional<Money> project(ExactCost exact, qint64 numerator, qint64 denominator)
{
    // reduce the fraction first so the product stays inside 128 bits
    const qint64 common = std::gcd(numerator, denominator);
    numerator /= common;
    denominator /= common;
    ExactCost scaled = 0;
    if (__builtin_mul_overflow(exact, ExactCost(numerator), &scaled))
        return std::nullopt;
    return Money::fromUnits(
        static_cast<qint64>(divideHalfEven(scaled, ExactCost(denominator) * FullShare * ExactPerMoneyUnit)));
}

} // namespace

std::optional<int> WhatIf::parsePercent(const QString& text)
{
    const auto units = parseScaledDecimal(text, 2);
    if (!units || *units < 0 || *units > FullShare)
        return std::nullopt;
    // refuse digits past the second decimal instead of rounding them away silently
    if (text.contains(QLatin1Char('.')) && text.section(QLatin1Char('.'), 1).size() > 2)
        return std::nullopt;
    return int(*units);
}

Result<WhatIfResult> WhatIf::evaluate(const CostLedger& ledger, const WhatIfScenario& scenario)
{
    const auto bad = [](const QString& why) { return makeError(ErrorKind::InvalidInput, why); };
    if (scenario.shareBasisPoints < 0 || scenario.shareBasisPoints > FullShare)
        return bad(
            QCoreApplication::translate("RagScope::WhatIf", "the share to move must be between 0 and 100 %"));
    const qint64 share = scenario.shareBasisPoints;
    WhatIfResult r;
    ExactCost before = 0; // in 1e-18 USD × FullShare, like after
    ExactCost after = 0;
    for (const CostGroup& g : ledger.groups()) {
        if (g.model != scenario.model)
            continue;
        r.requests += g.requests;
        r.promptTokens += g.promptTokens;
        r.completionTokens += g.completionTokens;
        const auto current = ledger.recomputed(g);
        if (!current) {
            r.unpricedBefore += g.requests;
            continue;
        }
        const auto target = scenario.targetModel ? ledger.prices().find(*scenario.targetModel, g.priceAt)
                                                 : std::optional<ModelPrice>(scenario.typedPrice);
        before += *current * FullShare;
        if (!target) {
            // no target price at this time: the group stays where it is
            r.unpricedAfter += g.requests;
            after += *current * FullShare;
            continue;
        }
        after += *current * (FullShare - share) + CostLedger::costAt(g, *target) * share;
    }
    if (r.requests == 0)
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::WhatIf", "model \"%1\" has no requests in the window")
                .arg(scenario.model));
    const qint64 windowMs = ledger.filter().from.msecsTo(ledger.filter().to);
    const auto amounts = [&](qint64 days, WhatIfAmount* into) {
        // days 0: the window itself
        const qint64 numerator = days == 0 ? 1 : days * MsPerDay;
        const qint64 denominator = days == 0 ? 1 : windowMs;
        const auto b = project(before, numerator, denominator);
        const auto a = project(after, numerator, denominator);
        if (!b || !a)
            return false;
        *into = { *b, *a };
        return true;
    };
    if (!amounts(0, &r.window) || !amounts(30, &r.monthly) || !amounts(365, &r.annual))
        return bad(
            QCoreApplication::translate("RagScope::WhatIf", "the amounts are too large to project exactly"));
    return r;
}

} // namespace RagScope
