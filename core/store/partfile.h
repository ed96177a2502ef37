#pragma once

#include "base/result.h"

#include <QString>

namespace RagScope {

/// The temporary file a new SQLite file is written to, beside its target, named
/// `<target name>.ragscope-<writer's PID>-<n>.part`. The PID makes a file left behind by a
/// killed writer recognisable: removeStale() deletes those whose writer is gone.
namespace PartFile {

/// A free temporary name beside `target` for this process (the file itself is not created).
QString nameFor(const QString& target);
/// Removes the part files (and their SQLite sidecars) in `folder` whose writer process has
/// ended. Files of live writers, and files that are not ours, are left alone.
void removeStale(const QString& folder);
/// Removes `path` and its SQLite sidecars (-journal, -wal, -shm).
void remove(const QString& path);

} // namespace PartFile

} // namespace RagScope
