#pragma once

#include "reviewtypes.h"
#include "store/store.h"

namespace RagScope {

/// The team's saved queues (ragscope_review_queues, schema version 6). Blocking.
class SavedQueueStore
{
public:
    explicit SavedQueueStore(StorePtr store);

    /// Saves a new queue (its id and time are set here). InvalidInput for a name that is empty,
    /// longer than 100 characters or already taken, a goal over 500 characters, k outside 1–10,
    /// a sample outside 1–10000 basis points, a lease outside 10 s – 24 h.
    Result<SavedQueue> create(SavedQueue queue) const;
    /// Every queue, by name.
    Result<QList<SavedQueue>> list() const;
    /// NotFound when there is no queue of that name.
    Result<SavedQueue> byName(const QString& name) const;
    Result<SavedQueue> byId(const QUuid& id) const;

    /// MissingSchema when the store has no queues table (older than schema version 6).
    static Status requireQueues(const Store& store);

private:
    Result<QList<SavedQueue>> read(const QString& where, const QVariantList& values) const;

    StorePtr m_store;
};

} // namespace RagScope
