#pragma once

#include <QList>
#include <QPointF>

namespace RagScope {

/// Keeps long lines cheap to paint and still truthful: at most `maxPoints` points, keeping
/// the minimum and maximum of each slice (in x order) so that spikes survive.
namespace SeriesThinning {
QList<QPointF> minMax(const QList<QPointF>& points, int maxPoints);
} // namespace SeriesThinning

} // namespace RagScope
