#pragma once

#include "base/result.h"

#include <QString>

namespace RagScope {

/// Checks on the path a new file is about to be written to, made before anything is created.
namespace OutputTarget {

/// Whether `a` and `b` name the same file however they are spelled (relative, `..`, a symlink,
/// a hard link): the same device and inode when both exist, else the same canonical folder
/// and file name.
bool sameFile(const QString& a, const QString& b);

/// A one-line error when `path` cannot receive a new file: empty, a folder, or in a folder that
/// does not exist or that the user may not write to.
Status check(const QString& path);

/// A one-line error when `path` is an existing file that is not a SQLite database, which
/// writing a store there would destroy (a user's `--out notes.txt`).
Status checkReplaceable(const QString& path);

} // namespace OutputTarget

} // namespace RagScope
