#pragma once

#include "reviewtypes.h"
#include "store/store.h"

namespace RagScope {

/// How far a saved queue is: items reviewed k times (or adjudicated) of all its items, and per
/// reviewer the items done, today, this week and the median seconds per item. Blocking.
namespace QueueProgressReport {
/// `now` marks today and this week (UTC days; weeks start on Monday).
Result<QueueProgress> compute(StorePtr store, const SavedQueue& queue, const QDateTime& now);
} // namespace QueueProgressReport

} // namespace RagScope
