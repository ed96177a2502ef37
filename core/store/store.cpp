#include "store.h"
#include "errorclassifier.h"
#include "migrationrunner.h"

#include "base/performancemonitor.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QThread>

#include <libpq-fe.h>

#include <atomic>

namespace RagScope {

namespace {

Q_LOGGING_CATEGORY(lcServer, "ragscope.server")

// libpq prints the server's notices — and the FATAL a restarting server sends to an idle
// connection — straight to stderr; QPSQL leaves that default. Through Qt's logging instead,
// where each program decides what it shows (the CLI: nothing unless RAGSCOPE_DEBUG).
void forwardServerNotice(void*, const char* message)
{
    qCWarning(lcServer, "%s", QByteArray(message).trimmed().constData());
}

std::atomic<quint64> g_nextSerial { 1 };
QMutex g_liveMutex;
QSet<quint64> g_liveStores;

bool isLive(quint64 serial)
{
    QMutexLocker lock(&g_liveMutex);
    return g_liveStores.contains(serial);
}

// The connections this thread opened, by store serial; closed when the thread ends or the
// store is gone (swept on the thread's next use).
struct ThreadConnections
{
    QHash<quint64, QString> names;
    ~ThreadConnections()
    {
        for (const QString& name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
    void sweep()
    {
        for (auto it = names.begin(); it != names.end();) {
            if (!isLive(it.key())) {
                QSqlDatabase::removeDatabase(it.value());
                it = names.erase(it);
            } else {
                ++it;
            }
        }
    }
};
thread_local ThreadConnections t_connections;
thread_local int t_transactionDepth = 0; // Store::transaction bodies running on this thread

bool isRead(const QString& sql)
{
    const QString head = sql.trimmed().left(6).toUpper();
    return head.startsWith(QLatin1String("SELECT")) || head.startsWith(QLatin1String("WITH"));
}


// By its permission bits, not access(2): root may write anything, but a snapshot someone
// made read-only should stay that way.
bool sqliteFileIsWritable(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return true; // about to be created
    return info.permissions() & (QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther);
}

bool looksLikeSqliteFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    if (f.size() == 0)
        return true; // an empty file is a valid, empty SQLite database
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace

Store::Store(StoreLocation location)
    : m_location(std::move(location))
    , m_serial(g_nextSerial++)
{
    QMutexLocker lock(&g_liveMutex);
    g_liveStores.insert(m_serial);
}

Store::~Store()
{
    {
        QMutexLocker lock(&g_liveMutex);
        g_liveStores.remove(m_serial);
    }
    t_connections.sweep();
}

Result<std::shared_ptr<Store>> Store::open(const QString& url, OpenOptions options)
{
    RAGSCOPE_TRY(location, StoreLocation::parse(url));
    return open(location, options);
}

Result<std::shared_ptr<Store>> Store::open(const StoreLocation& location, OpenOptions options)
{
    if (location.dialect == Dialect::Sqlite) {
        const QFileInfo info(location.sqlitePath);
        if (!info.exists() && !options.createIfMissing)
            return makeError(ErrorKind::NotFound, QStringLiteral("no SQLite store at %1").arg(location.sqlitePath));
        if (info.exists() && !looksLikeSqliteFile(location.sqlitePath))
            return makeError(ErrorKind::Corrupt,
                             QStringLiteral("%1 is not a SQLite database (corrupt or another kind of file)")
                                 .arg(location.sqlitePath));
        if (!info.exists())
            options.migrate = true; // a new file gets the schema
    }
    std::shared_ptr<Store> store(new Store(location));
    const Status inspected = store->inspect(options);
    if (!inspected.ok())
        return inspected.error();
    return store;
}

QSqlDatabase Store::openConnection(const QString& name, QString* error) const
{
    const bool pg = m_location.dialect == Dialect::Postgres;
    bool newSqliteFile = false;
    QSqlDatabase db = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (pg) {
        db.setHostName(m_location.host);
        db.setDatabaseName(m_location.database);
        db.setUserName(m_location.user);
        db.setPassword(m_location.password);
        if (m_location.port > 0)
            db.setPort(m_location.port);
        QString options = m_location.connectOptions;
        if (!options.contains(QLatin1String("connect_timeout")))
            options += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=10");
        options += QStringLiteral(";application_name=ragscope");
        db.setConnectOptions(options);
        // NUMERIC (money) as exact text; Qt's default would hand it over as a double.
        db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    } else {
        newSqliteFile = QFileInfo(m_location.sqlitePath).size() == 0; // missing or empty: ours to set up
        db.setDatabaseName(m_location.sqlitePath);
        // A file without write permission is opened read-only, so even root cannot change it.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000")
                             + (sqliteFileIsWritable(m_location.sqlitePath) ? QString() : QStringLiteral(";QSQLITE_OPEN_READONLY")));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return db;
    }
    if (!pg) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        // WAL only for a file RagScope creates: the journal mode is written into the file, and
        // opening someone else's store (a backend's, a snapshot) must not change it.
        if (newSqliteFile)
            q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    } else {
        const QVariant handle = db.driver()->handle();
        // Debian's QPSQL names it by libpq's struct tag, "pg_conn*"
        if (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0)
            PQsetNoticeProcessor(*static_cast<PGconn* const*>(handle.data()), forwardServerNotice, nullptr);
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        q.exec(QStringLiteral("SET client_min_messages TO warning")); // no "already exists, skipping" notices on stderr
    }
    return db;
}

Result<QSqlDatabase> Store::connection() const
{
    t_connections.sweep();
    const auto it = t_connections.names.constFind(m_serial);
    if (it != t_connections.names.cend()) {
        QSqlDatabase db = QSqlDatabase::database(*it, false);
        if (db.isOpen())
            return db;
        QSqlDatabase::removeDatabase(*it);
        t_connections.names.remove(m_serial);
    }
    const QString name = QStringLiteral("ragscope-%1-%2")
                             .arg(m_serial)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    QString error;
    {
        QSqlDatabase db = openConnection(name, &error);
        if (error.isEmpty()) {
            t_connections.names.insert(m_serial, name);
            return db;
        }
    }
    QSqlDatabase::removeDatabase(name);
    QSqlError sqlError(error, QString(), QSqlError::ConnectionError);
    return classify(sqlError, QStringLiteral("cannot connect to %1").arg(m_location.displayName()));
}

void Store::dropConnection() const
{
    const auto it = t_connections.names.constFind(m_serial);
    if (it == t_connections.names.cend())
        return;
    const QString name = *it;
    t_connections.names.remove(m_serial);
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

Result<QSqlQuery> Store::exec(const QString& sql, const QVariantList& values) const
{
    auto result = execOnce(sql, values);
    // A server that dropped us (restart, failover, idle kill) is noticed only on use: reads
    // outside a transaction retry once on a fresh connection, so each pool thread does not
    // have to fail once before it recovers. Writes are never repeated.
    if (!result.ok() && result.error().kind == ErrorKind::ConnectionLost && t_transactionDepth == 0 && isRead(sql))
        result = execOnce(sql, values);
    return result;
}

Result<QSqlQuery> Store::execOnce(const QString& sql, const QVariantList& values) const
{
    Error error;
    {
        auto db = connection();
        if (!db.ok())
            return db.error();
        QSqlQuery query(db.value());
        query.setForwardOnly(true);
        bool ok = false;
        // A statement without values runs as it is: PostgreSQL cannot PREPARE DDL (migrations).
        if (values.isEmpty()) {
            ok = query.exec(sql);
        } else if (query.prepare(sql)) {
            for (const QVariant& v : values)
                query.addBindValue(v);
            ok = query.exec();
        }
        if (ok)
            return query;
        error = classify(query.lastError(), QStringLiteral("query failed"));
    }
    // dropped only now that no handle of it is left in this scope; the next call reconnects
    if (error.kind == ErrorKind::ConnectionLost)
        dropConnection();
    return error;
}

Status Store::transaction(const std::function<Status()>& body) const
{
    // Plain statements rather than QSqlDatabase::transaction(): no connection handle is held
    // across `body`, so a connection lost inside it can be dropped and reopened cleanly.
    const bool sqlite = m_location.dialect == Dialect::Sqlite;
    {
        const auto begin = exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
        if (!begin.ok())
            return begin.error();
    }
    ++t_transactionDepth;
    const Status result = body();
    --t_transactionDepth;
    if (!result.ok()) {
        exec(QStringLiteral("ROLLBACK"));
        return result;
    }
    const auto commit = exec(QStringLiteral("COMMIT"));
    if (!commit.ok()) {
        exec(QStringLiteral("ROLLBACK"));
        return commit.error();
    }
    return Done {};
}

Error Store::classify(const QSqlError& error, const QString& context) const
{
    return classifyDriverError(error, m_location, context);
}

Status Store::inspect(const OpenOptions& options)
{
    PerformanceMonitor perf(QStringLiteral("open store"));
    {
        RAGSCOPE_TRY(db, connection()); // fail early with the connection's own error
    }
    MigrationRunner runner(*this);
    auto recorded = runner.appliedVersions();
    if (!recorded.ok() && recorded.error().kind != ErrorKind::PermissionDenied)
        return recorded.error();
    // A role granted only the two monitoring tables (store contract §1) cannot read RagScope's
    // migration record: it still opens, read-only, without migrating.
    if (!recorded.ok())
        m_readOnlyReason = QStringLiteral("this role may not read RagScope's migrations (%1)")
                               .arg(recorded.error().message);
    QList<int> applied = recorded.ok() ? recorded.value() : QList<int> {};
    const bool needsMigrations
        = recorded.ok() && runner.latestVersion() > (applied.isEmpty() ? 0 : applied.last());
    if (options.migrate && needsMigrations) {
        const auto migrated = runner.migrateUp();
        if (!migrated.ok()) {
            if (migrated.error().kind != ErrorKind::PermissionDenied)
                return migrated.error();
            m_readOnlyReason = QStringLiteral("this role may not run RagScope's migrations (%1)")
                                   .arg(migrated.error().message);
        }
        RAGSCOPE_TRY(reread, runner.appliedVersions());
        applied = reread;
    }
    m_schemaVersion = applied.isEmpty() ? 0 : applied.last();

    // The monitoring tables must be there, whatever recorded the schema.
    for (const char* table : { "chat_interactions", "chat_feedbacks" }) {
        auto probe = exec(QStringLiteral("SELECT 1 FROM %1 WHERE 1 = 0").arg(QLatin1String(table)));
        if (!probe.ok()) {
            Error e = probe.error();
            if (e.kind == ErrorKind::MissingSchema || e.kind == ErrorKind::Query)
                e = makeError(ErrorKind::MissingSchema,
                              QStringLiteral("%1 is not a RagScope monitoring store: table %2 is missing%3")
                                  .arg(m_location.displayName(), QLatin1String(table),
                                       options.migrate ? QString() : QStringLiteral(" (run `ragscope-cli migrate`)")));
            return e;
        }
    }
    m_hasReviews = exec(QStringLiteral("SELECT 1 FROM ragscope_reviews WHERE 1 = 0")).ok();

    if (m_readOnlyReason.isEmpty()) {
        if (m_location.dialect == Dialect::Postgres) {
            auto q = exec(QStringLiteral("SELECT has_table_privilege('chat_feedbacks', 'INSERT')"
                                         " AND has_table_privilege('chat_feedbacks', 'UPDATE')"));
            if (q.ok() && q.value().next() && !q.value().value(0).toBool())
                m_readOnlyReason = QStringLiteral("this role may only read chat_feedbacks");
        } else if (!sqliteFileIsWritable(m_location.sqlitePath)) {
            m_readOnlyReason = QStringLiteral("the file is not writable");
        }
    }
    return Done {};
}

} // namespace RagScope
