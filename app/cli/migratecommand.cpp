#include "clicommon.h"
#include "commands.h"

#include "store/migrationrunner.h"

#include <QCoreApplication>

namespace RagScope::Cli {

int migrateCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "RagScope::Cli", "Apply RagScope's pending migrations, or roll back the latest one."));
    addDbOption(parser);
    parser.addOption({ QStringLiteral("rollback"),
        QCoreApplication::translate("RagScope::Cli", "Roll back the latest applied migration.") });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    // Open for writing without migrating: this command decides what runs. Another
    // application's database (MissingSchema) is refused here and stays untouched.
    Store::OpenOptions writing;
    writing.access = Store::Access::Write;
    auto store = openStore(parser, writing);
    if (!store.ok() && store.error().kind != ErrorKind::EmptyStore
        && store.error().kind != ErrorKind::NotFound)
        return fail(store.error());
    if (!store.ok()) {
        // an empty database or a new SQLite file: opening with consent creates the tables
        auto migrated = openStore(parser, true, true);
        if (!migrated.ok())
            return fail(migrated.error());
        if (parser.isSet(QStringLiteral("rollback")))
            return fail(makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::Cli", "nothing to roll back")));
        out(QStringLiteral("migrated %1 to version %2\n")
                .arg(migrated.value()->location().displayName())
                .arg(migrated.value()->schemaVersion()));
        return Ok;
    }
    if (store.value()->isStandby()) // its schema comes from the primary, by replication
        return fail(makeError(ErrorKind::PermissionDenied, store.value()->readOnlyReason()));
    const MigrationRunner runner(*store.value());
    if (parser.isSet(QStringLiteral("rollback"))) {
        auto version = runner.rollbackLatest();
        if (!version.ok())
            return fail(version.error());
        out(QStringLiteral("rolled back migration %1\n").arg(version.value()));
        return Ok;
    }
    auto applied = runner.migrateUp();
    if (!applied.ok())
        return fail(applied.error());
    if (applied.value().isEmpty())
        out(QStringLiteral("already at version %1, nothing to do\n").arg(runner.latestVersion()));
    else
        out(QStringLiteral("applied %1 migration(s), now at version %2\n")
                .arg(applied.value().size())
                .arg(runner.latestVersion()));
    return Ok;
}

} // namespace RagScope::Cli
