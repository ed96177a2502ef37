#pragma once

#include "base/result.h"
#include "store/storelocation.h"

namespace RagScope {

/// libpq's password file ($PGPASSFILE or ~/.pgpass): the only place RagScope writes a password.
class PgPassFile
{
public:
    static QString path();
    /// Adds or replaces the line for the location's host, port, database and user; the file
    /// is written atomically with mode 0600 (libpq ignores it otherwise).
    static Status save(const StoreLocation& location);
    /// "host:port:database:user:password" with ':' and '\' escaped, as libpq reads it.
    static QString line(const StoreLocation& location);
};

} // namespace RagScope
