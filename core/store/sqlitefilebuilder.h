#pragma once

#include "store.h"

#include <QString>

#include <functional>

namespace RagScope {

/// Writes a new SQLite store and moves it into place at `path` only when it is complete and
/// checked, so a failed, cancelled or killed run never leaves a store at `path` nor touches
/// the one already there. The finished file is in rollback-journal mode: it can travel and be
/// read from a read-only folder, and reading it leaves no -wal/-shm behind. Its SQLite
/// application id is "RAGS" (header bytes 68-71), set only once it is complete.
namespace SqliteFileBuilder {

/// `fill` writes the rows, on the calling thread, into a store that already has the schema; then
/// `indexed`, if given, works on them once the secondary indexes are built (before the planner's
/// statistics are taken). Checks `path` first (OutputTarget::check);
/// whether an existing file may be replaced is the caller's decision (checkReplaceable).
Status build(const QString& path, const std::function<Status(const StorePtr&)>& fill,
    const std::function<Status(const StorePtr&)>& indexed = {});

} // namespace SqliteFileBuilder

} // namespace RagScope
