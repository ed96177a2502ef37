#pragma once

#include "metrics/filter.h"
#include "sourceidentity.h"

#include <QDateTime>
#include <QMap>

#include <optional>

namespace RagScope {

/// What a snapshot holds, from its metadata table `ragscope_snapshot` (key, value): the source
/// (never a password), the window and filters, rows per table, when and by which RagScope and
/// schema version it was exported, whether rollups came along.
struct SnapshotInfo
{
    SourceIdentity source;
    std::optional<Filter> window; ///< empty: the whole store
    QMap<QString, qint64> rows; ///< per table
    QDateTime exportedAt;
    QString ragscopeVersion;
    int schemaVersion = 0;
    bool rollups = false;
    /// The rollups hold exactly the snapshot's rows before their horizons (RollupCompletion, from
    /// this version on); older windowed snapshots' rollups start at the window and miss its
    /// partial first bucket.
    bool rollupsCoverRows = false;

    /// Writes the metadata table into a snapshot being built.
    Status write(const Store& snapshot) const;
    /// The metadata of `store`; empty when it is not a snapshot (no metadata table).
    static Result<std::optional<SnapshotInfo>> read(const Store& store);

    /// One line for the app's note: source, window, filters, export time.
    QString describe() const;
    /// Why `filter` cannot be answered fully from this snapshot (it reaches outside the window
    /// or asks for another user or model); empty when it can.
    QString coverageNote(const Filter& filter) const;
};

} // namespace RagScope
