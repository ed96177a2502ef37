// What Store::open learns about a store before handing it out: which kind it is (monitoring,
// empty, someone else's), which migrations ran or may run, what this role may do.
#include "migrationrunner.h"
#include "store.h"

#include "base/performancemonitor.h"

#include <QCoreApplication>
#include <QSet>

namespace RagScope {

// A monitoring store has the interactions table or RagScope's own record; an empty one holds
// no tables at all. Anything else belongs to another application and is never written.
Status Store::checkKind(const OpenOptions& options)
{
    const QString tables = m_location.dialect == Dialect::Postgres
        ? QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                         " ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                         " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")
        : QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'");
    RAGSCOPE_TRY(q, exec(tables));
    QSet<QString> names;
    while (q.next())
        names.insert(q.value(0).toString());
    if (names.contains(QStringLiteral("chat_interactions"))
        || names.contains(QStringLiteral("ragscope_migrations")))
        return Done {};
    if (names.isEmpty()) {
        if (options.createSchema)
            return Done {};
        return makeError(ErrorKind::EmptyStore,
            QCoreApplication::translate("RagScope::Store",
                "%1 holds no tables: it is not a monitoring store yet (`ragscope-cli migrate` creates one)")
                .arg(m_location.displayName()));
    }
    return makeError(ErrorKind::MissingSchema,
        QCoreApplication::translate("RagScope::Store",
            "%1 is not a RagScope monitoring store: it has no chat_interactions table"
            " (it holds %2 other tables, which RagScope leaves alone)")
            .arg(m_location.displayName())
            .arg(names.size()));
}

Status Store::inspect(const OpenOptions& options)
{
    PerformanceMonitor perf(QStringLiteral("open store"));
    {
        RAGSCOPE_TRY(db, connection()); // fail early with the connection's own error
    }
    RAGSCOPE_TRY(kind, checkKind(options));
    if (m_location.dialect == Dialect::Postgres) {
        // A hot standby serves reads only; its schema and data arrive by replication, so
        // nothing is migrated or written here, and the reason says where writes belong.
        RAGSCOPE_TRY(recovery, exec(QStringLiteral("SELECT pg_is_in_recovery()")));
        m_standby = recovery.next() && recovery.value(0).toBool();
        if (m_standby && writes())
            m_readOnlyReason
                = QStringLiteral("%1 is a read-only standby server: send writes to its primary "
                                 "(ragscope-cli --write-db URL, or the connection's write store)")
                      .arg(m_location.displayName());
    }
    MigrationRunner runner(*this);
    auto applied = runner.appliedVersions();
    // The contract's minimum role may read only the two monitoring tables: RagScope's own
    // record stays unknown then, and nothing is migrated.
    if (!applied.ok() && applied.error().kind != ErrorKind::PermissionDenied)
        return applied.error();
    if (applied.ok()) {
        const bool needsMigrations
            = runner.latestVersion() > (applied.value().isEmpty() ? 0 : applied.value().last());
        if (options.migrate && writes() && needsMigrations && !m_standby) {
            const auto migrated = runner.migrateUp();
            if (!migrated.ok()) {
                if (migrated.error().kind != ErrorKind::PermissionDenied)
                    return migrated.error();
                m_readOnlyReason = QCoreApplication::translate(
                    "RagScope::Store", "this role may not run RagScope's migrations (%1)")
                                       .arg(migrated.error().message);
            }
            RAGSCOPE_TRY(reread, runner.appliedVersions());
            applied = reread;
        }
        m_schemaVersion = applied.value().isEmpty() ? 0 : applied.value().last();
        // A file (a snapshot) written by a newer RagScope may lay its tables out differently.
        if (m_location.dialect == Dialect::Sqlite && m_schemaVersion > runner.latestVersion())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::Store",
                    "%1 has schema version %2, written by a newer RagScope; this one reads up to "
                    "version %3")
                    .arg(m_location.sqlitePath)
                    .arg(m_schemaVersion)
                    .arg(runner.latestVersion()));
    }

    // The monitoring tables must be there, whatever recorded the schema.
    for (const char* table : { "chat_interactions", "chat_feedbacks" }) {
        auto probe = exec(QStringLiteral("SELECT 1 FROM %1 WHERE 1 = 0").arg(QLatin1String(table)));
        if (!probe.ok()) {
            Error e = probe.error();
            if (e.kind == ErrorKind::MissingSchema || e.kind == ErrorKind::Query)
                e = makeError(ErrorKind::MissingSchema,
                    QCoreApplication::translate(
                        "RagScope::Store", "%1 is not a RagScope monitoring store: table %2 is missing%3")
                        .arg(m_location.displayName(), QLatin1String(table),
                            options.migrate ? QString() : QStringLiteral(" (run `ragscope-cli migrate`)")));
            return e;
        }
    }
    const auto reviews = exec(QStringLiteral("SELECT 1 FROM ragscope_reviews WHERE 1 = 0"));
    m_hasReviews = reviews.ok();
    if (!reviews.ok())
        m_reviewsOffReason = reviews.error().kind == ErrorKind::PermissionDenied
            ? QCoreApplication::translate(
                "RagScope::Store", "this role may not read RagScope's reviewers' table (ragscope_reviews)")
            : QCoreApplication::translate("RagScope::Store",
                "this store has no reviewers' table (ragscope_reviews): run `ragscope-cli migrate`");

    if (!m_readOnlyReason.isEmpty())
        return Done {};
    if (!writes()) {
        m_readOnlyReason = QCoreApplication::translate("RagScope::Store", "opened for reading only");
    } else if (m_location.dialect == Dialect::Postgres) {
        auto q = exec(QStringLiteral("SELECT has_table_privilege('chat_feedbacks', 'INSERT')"
                                     " AND has_table_privilege('chat_feedbacks', 'UPDATE')"));
        if (q.ok() && q.value().next() && !q.value().value(0).toBool())
            m_readOnlyReason
                = QCoreApplication::translate("RagScope::Store", "this role may only read chat_feedbacks");
    }
    return Done {};
}

} // namespace RagScope
