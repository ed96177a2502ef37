#include "store.h"
#include "connectionregistry.h"
#include "errorclassifier.h"
#include "jobs/querycanceller.h"
#include "pgconnectoptions.h"
#include "sqliteheader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QThread>

#include <libpq-fe.h>

#include <atomic>
#include <optional>

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
thread_local int t_transactionDepth = 0; // Store::transaction bodies running on this thread

Error cancelled()
{
    return makeError(ErrorKind::Cancelled, QCoreApplication::translate("RagScope::Store", "cancelled"));
}

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

} // namespace

Store::Store(StoreLocation location)
    : m_location(std::move(location))
    , m_serial(g_nextSerial++)
{
    ConnectionRegistry::storeOpened(m_serial);
}

Store::~Store()
{
    ConnectionRegistry::storeClosed(m_serial);
}

Result<std::shared_ptr<Store>> Store::open(const QString& url, OpenOptions options)
{
    RAGSCOPE_TRY(location, StoreLocation::parse(url));
    return open(location, options);
}

Result<std::shared_ptr<Store>> Store::open(const StoreLocation& location, OpenOptions options)
{
    // Each consent implies the ones below it: a new file needs a schema, a schema needs
    // migrations, migrations need write access.
    options.createSchema = options.createSchema || options.createIfMissing;
    options.migrate = options.migrate || options.createSchema;
    if (options.migrate)
        options.access = Access::Write;
    std::shared_ptr<Store> store(new Store(location));
    store->m_access = options.access;
    if (location.dialect == Dialect::Sqlite) {
        const QFileInfo info(location.sqlitePath);
        if (!info.exists() && !options.createIfMissing)
            return makeError(ErrorKind::NotFound,
                QCoreApplication::translate("RagScope::Store", "no SQLite store at %1")
                    .arg(location.sqlitePath));
        if (info.isDir())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::Store", "%1 is a folder, not a SQLite store")
                    .arg(location.sqlitePath));
        if (info.exists() && !looksLikeSqliteFile(location.sqlitePath))
            return makeError(ErrorKind::Corrupt,
                QCoreApplication::translate(
                    "RagScope::Store", "%1 is not a SQLite database (corrupt or another kind of file)")
                    .arg(location.sqlitePath));
        if (store->writes() && !sqliteFileIsWritable(location.sqlitePath)) {
            store->m_access = Access::Read;
            store->m_readOnlyReason
                = QCoreApplication::translate("RagScope::Store", "the file is not writable");
        }
    }
    const Status inspected = store->inspect(options);
    if (!inspected.ok())
        return inspected.error();
    return store;
}

QSqlDatabase Store::openConnection(const QString& name, QString* error) const
{
    const bool pg = m_location.dialect == Dialect::Postgres;
    QSqlDatabase db
        = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (pg) {
        if (const Status configured = configurePostgresConnection(db, m_location); !configured.ok()) {
            *error = configured.error().message;
            return db;
        }
        // NUMERIC (money) as exact text; Qt's default would hand it over as a double.
        db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    } else {
        db.setDatabaseName(m_location.sqlitePath);
        // Reads open the file read-only, so nothing (not even root) can change it on a read path.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000")
            + (writes() ? QString() : QStringLiteral(";QSQLITE_OPEN_READONLY")));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    if (!pg) {
        // Connection settings only: the file's journal mode is its owner's, never switched here.
        q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    } else {
        const QVariant handle = db.driver()->handle();
        // libpq's notices ("terminating connection…") go through Qt logging, not straight to stderr.
        // Debian's QPSQL names the handle by libpq's struct tag, "pg_conn*".
        if (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0)
            PQsetNoticeProcessor(*static_cast<PGconn* const*>(handle.data()), forwardServerNotice, nullptr);
        q.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        q.exec(QStringLiteral(
            "SET client_min_messages TO warning")); // no "already exists, skipping" notices on stderr
        // The dashboard's statements are short (rollup rows, an hour of raw rows) but their cost
        // estimates pass jit_above_cost: compiling them took 20-40 ms each at 10M rows, more than
        // they run; the long raw scans ran no faster with it (measured, docs/scaling.md).
        q.exec(QStringLiteral("SET jit = off"));
        if (!writes()) // the server itself refuses any write on a read path
            q.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
    }
    return db;
}

std::shared_ptr<const Store> Store::writer() const
{
    return m_writer ? m_writer : shared_from_this();
}

Result<QSqlDatabase> Store::connection() const
{
    ConnectionRegistry::sweep();
    if (const auto name = ConnectionRegistry::find(m_serial)) {
        QSqlDatabase db = QSqlDatabase::database(*name, false);
        if (db.isOpen())
            return db;
        db = QSqlDatabase();
        ConnectionRegistry::remove(m_serial);
    }
    const QString name = QStringLiteral("ragscope-%1-%2")
                             .arg(m_serial)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    QString error;
    {
        QSqlDatabase db = openConnection(name, &error);
        if (error.isEmpty()) {
            ConnectionRegistry::add(m_serial, name);
            return db;
        }
    }
    QSqlDatabase::removeDatabase(name);
    QSqlError sqlError(error, QString(), QSqlError::ConnectionError);
    return classify(sqlError, QStringLiteral("cannot connect to %1").arg(m_location.displayName()));
}

void Store::dropConnection() const
{
    const auto name = ConnectionRegistry::find(m_serial);
    if (!name)
        return;
    QSqlDatabase::database(*name, false).close();
    ConnectionRegistry::remove(m_serial);
}

Result<QSqlQuery> Store::exec(const QString& sql, const QVariantList& values) const
{
    auto result = execOnce(sql, values);
    // A server that dropped us (restart, failover, idle kill) is noticed only on use: reads
    // outside a transaction retry once on a fresh connection, so each pool thread does not
    // have to fail once before it recovers. Writes are never repeated.
    if (!result.ok() && result.error().kind == ErrorKind::ConnectionLost && t_transactionDepth == 0
        && isRead(sql))
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
        // Reads of a cancelled job stop in the database; writes run to their end, so a
        // cancel never leaves a transaction half-done.
        std::optional<QueryCanceller> canceller;
        if (isRead(sql)) {
            canceller.emplace(db.value());
            if (canceller->isCanceled())
                return cancelled();
        }
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
        if (canceller && canceller->isCanceled())
            return cancelled();
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

} // namespace RagScope
