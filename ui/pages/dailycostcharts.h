#pragma once

#include "charts/timechart.h"
#include "metrics/filter.h"
#include "metrics/metricstypes.h"

namespace RagScope::DailyCostCharts {

/// The Cost page's daily series: cost stacked per model (models that never cost anything left
/// out: the unpriced warning covers them) and prompt/completion tokens, one point for every UTC
/// day the window touches, so days without requests plot as zero.
struct Series
{
    QList<TimeChart::Series> cost;
    QList<QPointF> prompt;
    QList<QPointF> completion;
};
Series build(const QList<DailyCost>& rows, const Filter& filter);
/// The chart position of a UTC day.
qreal dayPosition(const QDate& day);

/// The crosshair readouts at a day's position: exact amounts per model, and token sums.
QString costReadout(const QList<DailyCost>& rows, qreal x);
QString tokensReadout(const QList<DailyCost>& rows, qreal x);

} // namespace RagScope::DailyCostCharts
