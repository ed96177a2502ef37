#pragma once

#include "base/result.h"

#include <QMap>
#include <QString>

namespace RagScope {

enum class Dialect { Postgres, Sqlite };

/// Where a store lives, parsed from what a user typed. Never logs or displays a password.
struct StoreLocation
{
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath; ///< SQLite only
    /// PostgreSQL parts as libpq parsed them; empty: not given (libpq's PG* variables or default).
    /// host and port may be comma-separated lists (libpq's multi-host form).
    QString host, port, database, user, password;
    /// Every other libpq keyword that was given, by keyword (sslmode, service, options, …).
    QMap<QString, QString> options;

    /// Accepts libpq's connection strings, parsed by libpq itself: URLs
    /// (`postgresql://user[:password]@host[:port][,…]/db[?keyword=value…]`, also `postgres://`)
    /// and key=value strings (`host=… dbname=… options='-c …'`); also `sqlite:PATH` or a path
    /// ending in .sqlite/.sqlite3/.db. PG* variables and service files apply when connecting.
    static Result<StoreLocation> parse(const QString& text);

    /// For titles and logs: "postgresql://alice@db.example:5432/rag" or "sqlite:/path/file.sqlite".
    QString displayName() const;
    /// A URL that parse() turns back into this location, without password or other secrets.
    QString urlWithoutPassword() const;
    /// text with this location's secrets and any "password=…" masked, for messages.
    QString withoutSecrets(const QString& text) const;
    /// libpq's keywords whose values are secret (password, sslpassword): never shown or saved.
    static bool isSecretKeyword(const QString& keyword);
};

} // namespace RagScope
