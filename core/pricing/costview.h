#pragma once

#include <QString>

#include <optional>

namespace RagScope {

/// Which cost a figure shows: the backend's stored `cost_estimate` (rounded per request, as the
/// backend wrote it), or tokens × the price table's price in effect at each request's time
/// (summed exactly, rounded once per shown amount).
enum class CostView { Stored, Recomputed };

/// "stored" / "recomputed" (the CLI's --cost values); none for anything else.
inline std::optional<CostView> parseCostView(const QString& text)
{
    if (text == QLatin1String("stored"))
        return CostView::Stored;
    if (text == QLatin1String("recomputed"))
        return CostView::Recomputed;
    return std::nullopt;
}

inline QString costViewName(CostView view)
{
    return view == CostView::Stored ? QStringLiteral("stored") : QStringLiteral("recomputed");
}

} // namespace RagScope
