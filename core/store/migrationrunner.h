#pragma once

#include "base/result.h"
#include "storelocation.h"

#include <QList>
#include <QString>

namespace RagScope {

class Store;

/// One numbered schema change with its rollback, read from the embedded migrations/.
struct Migration
{
    int version = 0;
    QString name;
    QString upSql;
    QString downSql;
};

/// Applies and rolls back RagScope's migrations. Each runs in its own transaction and is
/// recorded in `ragscope_migrations`; every up file is idempotent (IF NOT EXISTS), so it
/// accepts a store that the backend created with the same tables.
class MigrationRunner
{
public:
    explicit MigrationRunner(const Store& store);

    /// The migrations shipped for a dialect, ordered by version.
    static QList<Migration> available(Dialect dialect);
    int latestVersion() const;

    /// Versions recorded as applied, ascending (empty when nothing was ever recorded).
    Result<QList<int>> appliedVersions() const;
    /// Applies every pending migration in order; returns the versions applied.
    Result<QList<int>> migrateUp() const;
    /// Rolls back the latest applied migration; returns its version. Refuses to drop the
    /// monitoring tables while they hold rows (their down file says so).
    Result<int> rollbackLatest() const;

    /// Splits a migration file into statements at ";" outside strings, quoted identifiers,
    /// dollar-quoted bodies and comments; comments are dropped, empty statements skipped.
    static QStringList statements(const QString& sql);

private:
    Status runInTransaction(const Migration& migration, bool up) const;

    const Store& m_store;
    QList<Migration> m_migrations;
};

} // namespace RagScope
