#include "sourceidentity.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace RagScope {

Result<SourceIdentity> SourceIdentity::of(const Store& store)
{
    SourceIdentity id;
    if (store.dialect() == Dialect::Sqlite) {
        id.dialect = QStringLiteral("sqlite");
        const QFileInfo file(store.location().sqlitePath);
        id.path = file.canonicalFilePath().isEmpty() ? file.absoluteFilePath() : file.canonicalFilePath();
        return id;
    }
    id.dialect = QStringLiteral("postgresql");
    RAGSCOPE_TRY(q,
        store.exec(
            QStringLiteral("SELECT current_database(), d.oid, current_user,"
                           " COALESCE(host(inet_server_addr()), ''), COALESCE(inet_server_port()::text, '')"
                           " FROM pg_database d WHERE d.datname = current_database()")));
    if (!q.next())
        return makeError(ErrorKind::Query,
            QCoreApplication::translate(
                "RagScope::SourceIdentity", "the store did not say which database it is"));
    id.database = q.value(0).toString();
    id.databaseOid = q.value(1).toString();
    id.role = q.value(2).toString();
    // What the user connected to (a socket has no server address).
    id.host = store.location().host.isEmpty() ? q.value(3).toString() : store.location().host;
    id.port = store.location().port.isEmpty() ? q.value(4).toString() : store.location().port;
    // Readable by superusers and pg_monitor only; without it the database oid and name decide.
    if (auto sys = store.exec(QStringLiteral("SELECT system_identifier::text FROM pg_control_system()"));
        sys.ok() && sys.value().next())
        id.systemId = sys.value().value(0).toString();
    return id;
}

bool SourceIdentity::sameStoreAs(const SourceIdentity& other) const
{
    if (dialect != other.dialect)
        return false;
    if (dialect == QLatin1String("sqlite"))
        return path == other.path;
    if (!systemId.isEmpty() && !other.systemId.isEmpty() && systemId != other.systemId)
        return false;
    return databaseOid == other.databaseOid && database == other.database;
}

QString SourceIdentity::displayName() const
{
    if (dialect == QLatin1String("sqlite"))
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgresql://%1@%2%3/%4")
        .arg(role, host, port.isEmpty() ? QString() : QLatin1Char(':') + port, database);
}

QMap<QString, QString> SourceIdentity::toMetadata() const
{
    return { { QStringLiteral("source_dialect"), dialect }, { QStringLiteral("source_host"), host },
        { QStringLiteral("source_port"), port }, { QStringLiteral("source_database"), database },
        { QStringLiteral("source_role"), role }, { QStringLiteral("source_system_id"), systemId },
        { QStringLiteral("source_database_oid"), databaseOid }, { QStringLiteral("source_path"), path } };
}

SourceIdentity SourceIdentity::fromMetadata(const QMap<QString, QString>& m)
{
    SourceIdentity id;
    id.dialect = m.value(QStringLiteral("source_dialect"));
    id.host = m.value(QStringLiteral("source_host"));
    id.port = m.value(QStringLiteral("source_port"));
    id.database = m.value(QStringLiteral("source_database"));
    id.role = m.value(QStringLiteral("source_role"));
    id.systemId = m.value(QStringLiteral("source_system_id"));
    id.databaseOid = m.value(QStringLiteral("source_database_oid"));
    id.path = m.value(QStringLiteral("source_path"));
    return id;
}

} // namespace RagScope
