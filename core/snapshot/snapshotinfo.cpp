#include "snapshotinfo.h"

#include "store/migrationrunner.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QLocale>

namespace RagScope {

namespace {

const QString Table = QStringLiteral("ragscope_snapshot");

QString shortTime(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

Status SnapshotInfo::write(const Store& snapshot) const
{
    RAGSCOPE_TRY(created,
        snapshot.exec(
            QStringLiteral("CREATE TABLE %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)").arg(Table)));
    QMap<QString, QString> values = source.toMetadata();
    values.insert(QStringLiteral("exported_at"), SqlDialect::isoTime(exportedAt));
    values.insert(QStringLiteral("ragscope_version"), ragscopeVersion);
    values.insert(QStringLiteral("schema_version"), QString::number(schemaVersion));
    values.insert(
        QStringLiteral("rollups_included"), rollups ? QStringLiteral("true") : QStringLiteral("false"));
    if (rollupsCoverRows)
        values.insert(QStringLiteral("rollups_cover_rows"), QStringLiteral("true"));
    values.insert(QStringLiteral("window_from"), window ? SqlDialect::isoTime(window->from) : QString());
    values.insert(QStringLiteral("window_to"), window ? SqlDialect::isoTime(window->to) : QString());
    values.insert(QStringLiteral("filter_user"), window && window->user ? *window->user : QString());
    values.insert(QStringLiteral("filter_model"), window && window->model ? *window->model : QString());
    for (auto it = rows.begin(); it != rows.end(); ++it)
        values.insert(QStringLiteral("rows_") + it.key(), QString::number(it.value()));
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.value().isEmpty())
            continue; // a key that is absent reads back as empty
        RAGSCOPE_TRY(inserted,
            snapshot.exec(QStringLiteral("INSERT INTO %1 (key, value) VALUES (?, ?)").arg(Table),
                { it.key(), it.value() }));
    }
    return Done {};
}

Result<std::optional<SnapshotInfo>> SnapshotInfo::read(const Store& store)
{
    if (store.dialect() != Dialect::Sqlite)
        return std::optional<SnapshotInfo> {};
    RAGSCOPE_TRY(exists,
        store.exec(
            QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"), { Table }));
    if (!exists.next())
        return std::optional<SnapshotInfo> {};
    RAGSCOPE_TRY(q, store.exec(QStringLiteral("SELECT key, value FROM %1").arg(Table)));
    QMap<QString, QString> m;
    while (q.next())
        m.insert(q.value(0).toString(), q.value(1).toString());
    SnapshotInfo info;
    info.source = SourceIdentity::fromMetadata(m);
    info.exportedAt = SqlDialect::parseTime(m.value(QStringLiteral("exported_at")));
    info.ragscopeVersion = m.value(QStringLiteral("ragscope_version"));
    info.schemaVersion = m.value(QStringLiteral("schema_version")).toInt();
    info.rollups = m.value(QStringLiteral("rollups_included")) == QLatin1String("true");
    info.rollupsCoverRows = m.value(QStringLiteral("rollups_cover_rows")) == QLatin1String("true");
    if (!m.value(QStringLiteral("window_from")).isEmpty()) {
        Filter w { SqlDialect::parseTime(m.value(QStringLiteral("window_from"))),
            SqlDialect::parseTime(m.value(QStringLiteral("window_to"))), {}, {} };
        if (const QString user = m.value(QStringLiteral("filter_user")); !user.isEmpty())
            w.user = user;
        if (const QString model = m.value(QStringLiteral("filter_model")); !model.isEmpty())
            w.model = model;
        info.window = w;
    }
    for (auto it = m.begin(); it != m.end(); ++it) {
        if (it.key().startsWith(QLatin1String("rows_")))
            info.rows.insert(it.key().mid(5), it.value().toLongLong());
    }
    const int known = MigrationRunner(store).latestVersion();
    if (info.schemaVersion > known)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("SnapshotInfo",
                "%1 is a snapshot of schema version %2, written by a newer RagScope (%3); this one "
                "reads up to version %4")
                .arg(store.location().sqlitePath)
                .arg(info.schemaVersion)
                .arg(info.ragscopeVersion)
                .arg(known));
    return std::optional<SnapshotInfo>(info);
}

QString SnapshotInfo::describe() const
{
    QString what = window ? QCoreApplication::translate("SnapshotInfo", "%1 to %2")
                                .arg(shortTime(window->from), shortTime(window->to))
                          : QCoreApplication::translate("SnapshotInfo", "the whole store");
    if (window && window->user)
        what += QCoreApplication::translate("SnapshotInfo", ", user %1").arg(*window->user);
    if (window && window->model)
        what += QCoreApplication::translate("SnapshotInfo", ", model %1").arg(*window->model);
    return QCoreApplication::translate("SnapshotInfo", "Snapshot of %1: %2; %3 interactions; exported %4%5")
        .arg(source.displayName(), what)
        .arg(rows.value(QStringLiteral("chat_interactions")))
        .arg(shortTime(exportedAt),
            rollups ? QCoreApplication::translate("SnapshotInfo", " with rollups") : QString());
}

QString SnapshotInfo::coverageNote(const Filter& filter) const
{
    if (!window)
        return {};
    if (filter.from < window->from || filter.to > window->to)
        return QCoreApplication::translate("SnapshotInfo",
            "The filter reaches outside this snapshot's window (%1 to %2): figures cover only the "
            "snapshot's part of it.")
            .arg(shortTime(window->from), shortTime(window->to));
    if (window->user && filter.user != window->user)
        return QCoreApplication::translate("SnapshotInfo", "This snapshot holds only user %1.")
            .arg(*window->user);
    if (window->model && filter.model != window->model)
        return QCoreApplication::translate("SnapshotInfo", "This snapshot holds only model %1.")
            .arg(*window->model);
    return {};
}

} // namespace RagScope
