#pragma once

#include "base/result.h"
#include "metrics/filter.h"
#include "store/store.h"

namespace RagScope {

/// After RollupCopy, in a windowed snapshot: rolls up from the snapshot's own rows every bucket of
/// a copied grain that holds rows but was not copied whole. Those are the window's partial first
/// and last buckets, interactions from before the window that came along for their feedback inside
/// it, feedback given after it, and the source's hours and days that were still open. Each grain's
/// horizon then moves past the last of them.
///
/// The snapshot's rollups then hold exactly its rows before their horizons, as a store's do, so a
/// RollupPlan reads any window of it as it reads a store: never a partial day raw, never a bucket
/// of rows without its rollup row. (SnapshotInfo::rollupsCoverRows records this; older snapshots
/// keep a narrower rule.) The snapshot holds no other rows, so nothing here reads the source.
class RollupCompletion
{
public:
    RollupCompletion(const Store& snapshot, const Filter& window)
        : m_store(snapshot)
        , m_window(window)
    { }

    /// Rebuilds those buckets and moves the horizons; nothing when no grain came along.
    Status run() const;

private:
    const Store& m_store;
    Filter m_window;
};

} // namespace RagScope
