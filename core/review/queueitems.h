#pragma once

#include "reviewtypes.h"
#include "store/store.h"

#include <functional>

namespace RagScope {

/// The items of a saved queue, in the queue's order: its filter read page by page (keyset),
/// narrowed to the queue's reproducible sample. Blocking; runs on the calling thread's
/// connection, so inside a transaction it reads what that transaction sees.
class QueueItems
{
public:
    /// A rolling window in the queue's filter ends at `now` (invalid: the current time), so
    /// "the last 7 days" means the 7 days before each claim, not before the queue was saved.
    QueueItems(StorePtr store, SavedQueue queue, const QDateTime& now = {});

    /// Calls `page` with each page's ids (after the sample) until it returns false or the
    /// queue ends.
    Status scan(const std::function<Result<bool>(const QList<QUuid>& page)>& page, int pageSize = 200) const;
    /// Every item id of the queue.
    Result<QList<QUuid>> all() const;

private:
    StorePtr m_store;
    SavedQueue m_queue;
};

} // namespace RagScope
