#pragma once

#include "reviewtypes.h"
#include "store/store.h"

#include <QHash>

namespace RagScope {

/// One reviewer's verdict in force on an item of a queue.
struct QueueVerdict
{
    Review review;
    std::optional<int> secondsSpent;
};

/// The verdicts in force on one item of a queue: each reviewer's newest, and the newest
/// adjudication if there is one.
struct ItemVerdicts
{
    QList<QueueVerdict> byReviewer; ///< ordered by reviewer name
    std::optional<Review> adjudication;
};

/// Reads a queue's verdicts in force (undo rows and the saves they undid left out). Blocking.
namespace QueueVerdicts {
Result<QHash<QUuid, ItemVerdicts>> read(const Store& store, const QUuid& queueId);
} // namespace QueueVerdicts

} // namespace RagScope
