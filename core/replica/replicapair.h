#pragma once

#include "base/result.h"
#include "store/store.h"

namespace RagScope {

/// A read replica beside its primary: the dashboard reads from `read` (a hot standby, say) and
/// feedback and reviews are written to `write` (`--db` with `--write-db`, or a connection
/// profile's write store). Writes made on the primary show on the replica once it has
/// replayed them.
class ReplicaPair
{
public:
    /// Opens `write` with `writeOptions` (write access at least; migrations run there, never on
    /// a standby), then `read` for reading only, and returns the read store with the write
    /// store attached as its Store::writer(). A write store that cannot take writes (a standby,
    /// a read-only role) is refused with its reason: nothing would ever be saved.
    static Result<StorePtr> open(
        const StoreLocation& read, const StoreLocation& write, Store::OpenOptions writeOptions);
};

} // namespace RagScope
