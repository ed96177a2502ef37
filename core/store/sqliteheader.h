#pragma once

#include <QString>

namespace RagScope {

/// True for a file SQLite can open as a database: empty (a valid, empty database) or starting
/// with SQLite's 16-byte header string. Anything else is another kind of file.
bool looksLikeSqliteFile(const QString& path);

} // namespace RagScope
