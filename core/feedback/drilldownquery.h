#pragma once

#include "reviewqueue.h"

namespace RagScope {

/// The Review page's query behind one time bucket of a chart: every interaction created in
/// [from, to) — clipped to the page's window, so a partial first or last bucket lists only what
/// the chart counted — narrowed to the page's user and model, in `sort` order (the chart's
/// measure: latency, cost…), largest first.
ReviewQueueQuery bucketDrillDown(const Filter& page, const QDateTime& from, const QDateTime& to,
    ReviewQueueQuery::SortKey sort = ReviewQueueQuery::SortKey::CreatedAt);

} // namespace RagScope
