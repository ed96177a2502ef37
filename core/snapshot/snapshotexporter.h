#pragma once

#include "base/result.h"
#include "metrics/filter.h"
#include "store/store.h"

#include <functional>
#include <optional>

namespace RagScope {

struct SnapshotSummary
{
    qint64 interactions = 0;
    qint64 feedbacks = 0;
    qint64 reviews = 0;
};

/// Copies a store (or one window of it) into a new SQLite file for offline analysis.
/// The snapshot holds the interactions created in the window, plus those whose feedback was
/// given in it, with all their feedback and reviews — so stats of the window on the snapshot
/// equal stats of the window on the source. Rows stream in keyset-ordered batches; the file
/// appears only when complete and checked (SqliteFileBuilder). A path that is the source
/// store itself, however spelled, is refused.
class SnapshotExporter
{
public:
    /// Whether a snapshot of `source` may be written to `sqlitePath` (not the source itself, not a
    /// folder, not a file that is not SQLite, …): checked by exportTo too, and by callers that
    /// want to refuse before connecting.
    static Status checkTarget(const StoreLocation& source, const QString& sqlitePath);
    /// `window` empty: the whole store. `progress(rowsCopied)` may return false to cancel.
    static Result<SnapshotSummary> exportTo(const StorePtr& source, const QString& sqlitePath,
        const std::optional<Filter>& window, const std::function<bool(qint64)>& progress = {});
};

} // namespace RagScope
