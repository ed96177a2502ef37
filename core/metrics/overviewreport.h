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
        NoPrevious, ///< one of the windows has no value (no rows)
        Same, ///< equal values
        New, ///< relative change from 0 to something
        Moved, ///< `amount` says by how much
    };
    Kind kind = Kind::NoPrevious;
    /// Percent of the previous value (relative changes) or current − previous (absolute ones).
    double amount = 0.0;

    /// For amounts: requests, money, latency.
    static FigureChange relative(std::optional<double> current, std::optional<double> previous);
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
