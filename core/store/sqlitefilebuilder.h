#pragma once

#include "store.h"

#include <QString>

#include <functional>

namespace RagScope {

/// Writes a new SQLite store beside `path` (`path.part`) and moves it into place only when
/// `fill` succeeds, so a failed or cancelled run never leaves a half-written store behind.
namespace SqliteFileBuilder {
Status build(const QString& path, const std::function<Status(const StorePtr&)>& fill);
/// Removes a SQLite file with its -wal/-shm sidecars.
void remove(const QString& path);
} // namespace SqliteFileBuilder

} // namespace RagScope
