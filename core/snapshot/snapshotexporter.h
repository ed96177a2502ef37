#pragma once

#include "base/result.h"
#include "exportprogress.h"
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
    qint64 rollupRows = 0;
    bool rollups = false; ///< whether the snapshot answers from rollups
};

/// Copies a store (or one window of it) into a new SQLite file for offline analysis.
/// The snapshot holds the interactions created in the window, plus those whose feedback was
/// given in it, with all their feedback and reviews — so stats of the window on the snapshot
/// equal stats of the window on the source — the rollups of the window (RollupCopy, completed
/// from the snapshot's own rows by RollupCompletion) and a metadata table (SnapshotInfo). A PostgreSQL source
/// streams through `COPY … TO STDOUT`, a SQLite one is attached; rows go into one prepared INSERT per table
/// in large transactions, so memory stays flat. The file appears only when complete and checked
/// (SqliteFileBuilder). A path that is the source store itself, however spelled, is refused.
class SnapshotExporter
{
public:
    /// Whether a snapshot of `source` may be written to `sqlitePath` (not the source itself, not a
    /// folder, not a file that is not SQLite, …): checked by exportTo too, and by callers that
    /// want to refuse before connecting.
    static Status checkTarget(const StoreLocation& source, const QString& sqlitePath);
    /// `window` empty: the whole store. `progress` is called every few thousand rows and may
    /// return false to cancel (the error is then "export cancelled" and no file is left).
    static Result<SnapshotSummary> exportTo(const StorePtr& source, const QString& sqlitePath,
        const std::optional<Filter>& window, const std::function<bool(const ExportProgress&)>& progress = {});
};

} // namespace RagScope
