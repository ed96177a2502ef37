#include "testdatabase.h"

#include "store/migrationrunner.h"
#include "store/pgconnectoptions.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <QtTest>

namespace RagScope::Test {

namespace {

QString readFileOrDie(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QString::fromUtf8(f.readAll());
}

// Runs statements on a short-lived connection of its own (not a Store's).
void runOn(const QString& url, const QStringList& statements)
{
    const auto loc = StoreLocation::parse(url);
    if (!loc.ok())
        qFatal("bad URL %s", qPrintable(url));
    const QString name = QStringLiteral("testsupport-") + QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            loc->dialect == Dialect::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        if (loc->dialect == Dialect::Postgres) {
            if (!configurePostgresConnection(db, *loc).ok())
                qFatal("cannot pass %s to QPSQL", qPrintable(url));
        } else {
            db.setDatabaseName(loc->sqlitePath);
        }
        if (!db.open())
            qFatal("test database %s: %s", qPrintable(url), qPrintable(db.lastError().text()));
        for (const QString& sql : statements) {
            QSqlQuery q(db);
            if (!q.exec(sql))
                qFatal("fixture SQL failed: %s\n%s", qPrintable(q.lastError().text()), qPrintable(sql));
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

Dialect dialectUnderTest()
{
    return qEnvironmentVariable("RAGSCOPE_TEST_DIALECT") == QLatin1String("postgres") ? Dialect::Postgres
                                                                                      : Dialect::Sqlite;
}

QString dialectName()
{
    return dialectUnderTest() == Dialect::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

QString TestDatabase::serverUrl()
{
    const QString state = qEnvironmentVariable("RAGSCOPE_PG_STATE");
    if (state.isEmpty())
        qFatal("RAGSCOPE_PG_STATE is not set: run the PostgreSQL tests through ctest (pg_start fixture)");
    return readFileOrDie(state + QStringLiteral("/url")).trimmed();
}

void runPgFixture(const QString& command, const QString& stateDir)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(qEnvironmentVariable("RAGSCOPE_SOURCE_DIR") + QStringLiteral("/tests/support/pg-fixture.sh"),
        { command, stateDir });
    if (!script.waitForFinished(60'000) || script.exitStatus() != QProcess::NormalExit
        || script.exitCode() != 0)
        qFatal("pg-fixture.sh %s failed: %s", qPrintable(command), script.readAll().constData());
}

void TestDatabase::restartServer()
{
    runPgFixture(QStringLiteral("restart"), qEnvironmentVariable("RAGSCOPE_PG_STATE"));
}

QString TestDatabase::serverUrlFor(const QString& database, const QString& user, const QString& password)
{
    QUrl url(serverUrl());
    url.setPath(QLatin1Char('/') + database);
    if (!user.isEmpty()) {
        url.setUserName(user);
        url.setPassword(password);
    }
    return url.toString();
}

TestDatabase::TestDatabase()
    : TestDatabase(dialectUnderTest())
{ }

TestDatabase::TestDatabase(Dialect dialect)
    : m_dialect(dialect)
{
    if (dialect == Dialect::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_url = QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("store.sqlite"));
        return;
    }
    m_pgDatabase = QStringLiteral("rs_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    runOn(serverUrl(), { QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase) });
    m_url = serverUrlFor(m_pgDatabase);
}

TestDatabase::~TestDatabase()
{
    if (m_pgDatabase.isEmpty())
        return;
    // FORCE: stores under test may still hold connections on pool threads
    runOn(serverUrl(), { QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase) });
}

StorePtr TestDatabase::open(bool migrate) const
{
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    options.createSchema = migrate;
    options.createIfMissing = migrate;
    auto store = Store::open(m_url, options);
    if (!store.ok())
        qFatal("cannot open test store %s: %s", qPrintable(m_url), qPrintable(store.error().message));
    return store.value();
}

void TestDatabase::execScript(const QString& sql) const
{
    runOn(m_url, MigrationRunner::statements(sql));
}

QString backendSchemaSql()
{
    return readFileOrDie(qEnvironmentVariable("RAGSCOPE_SOURCE_DIR")
        + QStringLiteral("/tests/data/store_schema_postgres.sql"));
}

} // namespace RagScope::Test
