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

FigureChange FigureChange::relative(std::optional<double> current, std::optional<double> previous)
{
    if (!current || !previous)
        return {};
    if (*current == *previous)
        return { Kind::Same, 0.0 };
    if (*previous == 0.0)
        return { Kind::New, 0.0 };
    return { Kind::Moved, (*current - *previous) / std::abs(*previous) * 100.0 };
}

FigureChange FigureChange::absolute(std::optional<double> current, std::optional<double> previous)
{
    if (!current || !previous)
        return {};
    if (*current == *previous)
        return { Kind::Same, 0.0 };
    return { Kind::Moved, *current - *previous };
}

FigureChange OverviewReport::requests() const
{
    return FigureChange::relative(double(current.kpis.requests), double(previous.kpis.requests));
}

FigureChange OverviewReport::totalCost() const
{
    return FigureChange::relative(units(current.kpis.totalCost), units(previous.kpis.totalCost));
}

FigureChange OverviewReport::monthlyCost() const
{
    return FigureChange::relative(units(current.projection.monthly), units(previous.projection.monthly));
}

FigureChange OverviewReport::annualCost() const
{
    return FigureChange::relative(units(current.projection.annual), units(previous.projection.annual));
}

FigureChange OverviewReport::avgLatency() const
{
    return FigureChange::relative(current.kpis.avgLatencyMs, previous.kpis.avgLatencyMs);
}

FigureChange OverviewReport::p95Latency() const
{
    return FigureChange::relative(current.p95LatencyMs, previous.p95LatencyMs);
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
