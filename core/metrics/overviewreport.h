#pragma once

#include "metricstypes.h"

#include <QMetaType>

#include <optional>

namespace RagScope {

/// The headline figures of one window (the Overview page's cards).
struct OverviewFigures
{
    KpiTotals kpis;
    std::optional<double> p95LatencyMs;
    RatingSummary ratings;
    CostProjection projection;

    /// The same figures out of a full report of the window.
    static OverviewFigures from(const StatsReport& report);
};

/// How one figure moved against the previous window.
struct FigureChange
{
    enum class Kind {
        NoPrevious, ///< the previous window has no value (no rows, or none for this figure)
        NoCurrent, ///< this window has no value for the figure
        Same, ///< equal values
        /// A relative figure whose baseline is too small for a percentage (fewer than
        /// MinimumBaseline previous requests, or a previous value of 0): `amount` is current − previous.
        Difference,
        Moved, ///< `amount` says by how much
    };
    /// A percentage needs at least this many requests in the previous window: against a handful
    /// of rows it only says how small the baseline was ("▲ 39,999,800%").
    static constexpr qint64 MinimumBaseline = 30;

    Kind kind = Kind::NoPrevious;
    /// Moved: percent of the previous value (relative changes) or current − previous (absolute
    /// ones). Difference: current − previous in the figure's unit (money: OverviewReport has the
    /// exact differences; this double is for display only).
    double amount = 0.0;

    /// For amounts: requests, money, latency; `previousRequests` is the previous window's size.
    static FigureChange relative(
        std::optional<double> current, std::optional<double> previous, qint64 previousRequests);
    /// For rates and scores: confidence, feedback rate, rating.
    static FigureChange absolute(std::optional<double> current, std::optional<double> previous);
};

/// One window against the previous window of the same length (Overview page, `stats --compare`).
struct OverviewReport
{
    Filter filter; ///< this window; filter.previous() is the one compared with
    OverviewFigures current;
    OverviewFigures previous;

    qint64 requestsDifference() const { return current.kpis.requests - previous.kpis.requests; }
    /// Exact: current − previous total cost.
    Money costDifference() const { return current.kpis.totalCost - previous.kpis.totalCost; }
    Money monthlyCostDifference() const { return current.projection.monthly - previous.projection.monthly; }
    Money annualCostDifference() const { return current.projection.annual - previous.projection.annual; }

    FigureChange requests() const;
    FigureChange totalCost() const;
    FigureChange monthlyCost() const;
    FigureChange annualCost() const;
    FigureChange avgLatency() const;
    FigureChange p95Latency() const;
    FigureChange avgConfidence() const;
    FigureChange feedbackRate() const;
    FigureChange avgRating() const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::OverviewReport)
