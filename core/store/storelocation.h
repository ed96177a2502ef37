#pragma once

#include "base/result.h"

#include <QString>

namespace RagScope {

enum class Dialect { Postgres, Sqlite };

/// Where a store lives, parsed from what a user typed. Never logs or displays the password.
struct StoreLocation
{
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath;                 ///< SQLite only
    QString host, database, user, password;
    int port = -1;                      ///< -1: libpq's default (PGPORT or 5432)
    QString connectOptions;             ///< libpq options for QPSQL, "key=value;…" (sslmode, …)

    /// Accepts `postgresql://user[:password]@host[:port]/db[?sslmode=…]` (also `postgres://`),
    /// libpq key/value strings (`host=… dbname=…`), `sqlite:PATH`, or a path ending in
    /// .sqlite/.sqlite3/.db. Unset PostgreSQL parts fall back to the PG* environment variables.
    static Result<StoreLocation> parse(const QString& text);

    /// For titles and logs: "postgresql://alice@db.example:5432/rag" or "sqlite:/path/file.sqlite".
    QString displayName() const;
    /// A URL that parse() turns back into this location, without the password.
    QString urlWithoutPassword() const;
};

} // namespace RagScope
