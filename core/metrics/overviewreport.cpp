#include "overviewreport.h"

#include <cmath>

namespace RagScope {

namespace {

// Money only ever compared with money here, for a percentage: the ratio of the exact amounts.
std::optional<double> units(const Money& money)
{
    return double(money.units());
}

} // namespace

OverviewFigures OverviewFigures::from(const StatsReport& report)
{
    return OverviewFigures { report.kpis, report.latency.total.p95(), report.ratings, report.projection };
}

FigureChange FigureChange::relative(
    std::optional<double> current, std::optional<double> previous, qint64 previousRequests)
{
    if (!previous || previousRequests == 0)
        return { Kind::NoPrevious, 0.0 };
    if (!current)
        return { Kind::NoCurrent, 0.0 };
    if (*current == *previous)
        return { Kind::Same, 0.0 };
    if (previousRequests < MinimumBaseline || *previous == 0.0)
        return { Kind::Difference, *current - *previous };
    return { Kind::Moved, (*current - *previous) / std::abs(*previous) * 100.0 };
}

FigureChange FigureChange::absolute(std::optional<double> current, std::optional<double> previous)
{
    if (!previous)
        return { Kind::NoPrevious, 0.0 };
    if (!current)
        return { Kind::NoCurrent, 0.0 };
    if (*current == *previous)
        return { Kind::Same, 0.0 };
    return { Kind::Moved, *current - *previous };
}

FigureChange OverviewReport::requests() const
{
    return FigureChange::relative(
        double(current.kpis.requests), double(previous.kpis.requests), previous.kpis.requests);
}

FigureChange OverviewReport::totalCost() const
{
    return FigureChange::relative(
        units(current.kpis.totalCost), units(previous.kpis.totalCost), previous.kpis.requests);
}

FigureChange OverviewReport::monthlyCost() const
{
    return FigureChange::relative(
        units(current.projection.monthly), units(previous.projection.monthly), previous.kpis.requests);
}

FigureChange OverviewReport::annualCost() const
{
    return FigureChange::relative(
        units(current.projection.annual), units(previous.projection.annual), previous.kpis.requests);
}

FigureChange OverviewReport::avgLatency() const
{
    return FigureChange::relative(
        current.kpis.avgLatencyMs, previous.kpis.avgLatencyMs, previous.kpis.requests);
}

FigureChange OverviewReport::p95Latency() const
{
    return FigureChange::relative(current.p95LatencyMs, previous.p95LatencyMs, previous.kpis.requests);
}

FigureChange OverviewReport::avgConfidence() const
{
    return FigureChange::absolute(current.kpis.avgConfidence, previous.kpis.avgConfidence);
}

FigureChange OverviewReport::feedbackRate() const
{
    return FigureChange::absolute(current.ratings.feedbackRate(), previous.ratings.feedbackRate());
}

FigureChange OverviewReport::avgRating() const
{
    return FigureChange::absolute(current.ratings.average, previous.ratings.average);
}

} // namespace RagScope
