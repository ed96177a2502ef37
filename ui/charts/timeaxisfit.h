#pragma once

#include "metrics/metricstypes.h"

#include <QDateTime>
#include <QPair>

class QDateTimeAxis;

/// A time chart's x axis: the range of its points and its whole window, ticks on whole buckets.
namespace RagScope::TimeAxisFit {

/// The start of the bucket holding `utc`, as an axis position.
qreal bucketStart(const QDateTime& utc, TimeBucket bucket);

/// Fits `axis` to points from `first` to `last` (axis positions) and every bucket of `window`
/// (charts of one window share one range), with at most `maxTicks` labels (2 to 7) and a
/// label format for the span.
void apply(QDateTimeAxis* axis, qreal first, qreal last, TimeBucket bucket,
    const QPair<QDateTime, QDateTime>& window, qint64 maxTicks);

} // namespace RagScope::TimeAxisFit
