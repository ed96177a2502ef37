#include "store/migrationrunner.h"
#include "store/sqldialect.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

Store::OpenOptions migrating()
{
    Store::OpenOptions o;
    o.migrate = true;
    o.createIfMissing = true;
    return o;
}

Result<QSqlQuery> insertInteraction(
    const Store& store, const QString& user, const QUuid& id = QUuid::createUuid())
{
    const SqlDialect d(store.dialect());
    return store.exec(QStringLiteral("INSERT INTO chat_interactions (id, user_id, query, answer, created_at)"
                                     " VALUES (%1, ?, ?, ?, %2)")
                          .arg(d.uuidParam(), d.timeParam()),
        { d.bindUuid(id), user, QStringLiteral("q"), QStringLiteral("a"),
            d.bindTime(QDateTime::currentDateTimeUtc()) });
}

qint64 countRows(const Store& store, const QString& userId)
{
    auto q
        = store.exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions WHERE user_id = ?"), { userId });
    if (!q.ok() || !q.value().next())
        qFatal("count failed: %s", qPrintable(q.ok() ? QString() : q.error().message));
    return q.value().value(0).toLongLong();
}

QString randomName(const QString& prefix)
{
    return prefix + QString::number(QRandomGenerator::global()->generate64(), 16);
}

} // namespace

// Behaviour that is the same on both dialects.
class StoreTest : public QObject
{
    Q_OBJECT

private slots:
    void opensAMigratedStore();
    void storeWithoutMonitoringTablesIsMissingSchema();
    void storeMissingOneTableNamesIt();
    void migratingLeavesAnotherApplicationsStoreAlone();
    void emptyStoreGetsTheSchemaOnlyWithConsent();
    void readAccessWritesNothing();
    void bindsValuesInsteadOfSplicingThem();
    void transactionCommitsOnSuccess();
    void transactionRollsBackOnFailure();
    void classifiesQueryErrors_data();
    void classifiesQueryErrors();
    void servesManyThreadsAtOnceWithOneConnectionEach();
};

void StoreTest::opensAMigratedStore()
{
    TestDatabase db;
    const auto store = Store::open(db.url(), migrating());
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    const Store& s = *store.value();
    QCOMPARE(s.dialect(), db.dialect());
    QCOMPARE(s.schemaVersion(), MigrationRunner::available(db.dialect()).last().version);
    QVERIFY(s.hasReviews());
    QVERIFY2(!s.isReadOnly(), qPrintable(s.readOnlyReason()));
    QVERIFY(insertInteraction(s, QStringLiteral("alice")).ok());
    QCOMPARE(countRows(s, QStringLiteral("alice")), qint64(1));

    // opening it again finds the same schema, without migrating
    const auto again = Store::open(db.url(), {});
    QVERIFY(again.ok());
    QCOMPARE(again.value()->schemaVersion(), s.schemaVersion());
    QCOMPARE(countRows(*again.value(), QStringLiteral("alice")), qint64(1));
}

void StoreTest::storeWithoutMonitoringTablesIsMissingSchema()
{
    TestDatabase db;
    db.execScript(QStringLiteral("CREATE TABLE unrelated (x INTEGER);"));
    const auto store = Store::open(db.url(), {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::MissingSchema);
    QCOMPARE(store.error().exitCode(), 3);
    QVERIFY2(store.error().message.contains(QStringLiteral("not a RagScope monitoring store")),
        qPrintable(store.error().message));
    QVERIFY2(store.error().message.contains(QStringLiteral("chat_interactions")),
        qPrintable(store.error().message));
}

void StoreTest::storeMissingOneTableNamesIt()
{
    TestDatabase db;
    db.open(); // migrated
    db.execScript(QStringLiteral("DROP TABLE ragscope_reviews;\nDROP TABLE chat_feedbacks;"));
    const auto store = Store::open(db.url(), {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::MissingSchema);
    QVERIFY2(store.error().message.contains(QStringLiteral("table chat_feedbacks is missing")),
        qPrintable(store.error().message));
}

void StoreTest::migratingLeavesAnotherApplicationsStoreAlone()
{
    TestDatabase db;
    db.execScript(QStringLiteral("CREATE TABLE unrelated (x INTEGER);"));
    Store::OpenOptions options;
    options.migrate = true;
    options.createSchema = true; // even with consent: the tables are someone else's
    const auto store = Store::open(db.url(), options);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::MissingSchema);
    QVERIFY2(
        store.error().message.contains(QStringLiteral("leaves alone")), qPrintable(store.error().message));
    db.execScript(
        QStringLiteral("CREATE TABLE chat_interactions (x INTEGER);")); // fails if migrations had run
}

void StoreTest::emptyStoreGetsTheSchemaOnlyWithConsent()
{
    TestDatabase db;
    if (db.dialect() == Dialect::Sqlite) {
        QFile empty(db.url().mid(7));
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    Store::OpenOptions options;
    options.migrate = true;
    const auto refused = Store::open(db.url(), options);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::EmptyStore);
    QCOMPARE(refused.error().exitCode(), 3);
    if (db.dialect() == Dialect::Sqlite)
        QCOMPARE(QFileInfo(db.url().mid(7)).size(), qint64(0));
    options.createSchema = true;
    const auto created = Store::open(db.url(), options);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QCOMPARE(created.value()->schemaVersion(), MigrationRunner::available(db.dialect()).last().version);
}

void StoreTest::readAccessWritesNothing()
{
    TestDatabase db;
    db.open(); // migrated
    const auto store = Store::open(db.url(), {});
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QVERIFY(store.value()->isReadOnly());
    const auto inserted = insertInteraction(*store.value(), QStringLiteral("mallory"));
    QVERIFY(!inserted.ok());
    QCOMPARE(inserted.error().kind, ErrorKind::PermissionDenied);
    QCOMPARE(countRows(*db.open(false), QStringLiteral("mallory")), qint64(0));
}

void StoreTest::bindsValuesInsteadOfSplicingThem()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QString nasty = QStringLiteral("O'Brien\"; DROP TABLE chat_interactions; -- ?");
    QVERIFY(insertInteraction(*store, nasty).ok());
    QCOMPARE(countRows(*store, nasty), qint64(1));
    auto q = store->exec(QStringLiteral("SELECT user_id FROM chat_interactions"));
    QVERIFY(q.ok());
    QVERIFY(q.value().next());
    QCOMPARE(q.value().value(0).toString(), nasty);
}

void StoreTest::transactionCommitsOnSuccess()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const Status s = store->transaction([&]() -> Status {
        for (int i = 0; i < 3; ++i) {
            RAGSCOPE_TRY(q, insertInteraction(*store, QStringLiteral("bob")));
        }
        return Done {};
    });
    QVERIFY(s.ok());
    QCOMPARE(countRows(*store, QStringLiteral("bob")), qint64(3));
}

void StoreTest::transactionRollsBackOnFailure()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid id = QUuid::createUuid();
    const Status s = store->transaction([&]() -> Status {
        RAGSCOPE_TRY(first, insertInteraction(*store, QStringLiteral("carol"), id));
        RAGSCOPE_TRY(duplicate, insertInteraction(*store, QStringLiteral("carol"), id));
        return Done {};
    });
    QVERIFY(!s.ok());
    QCOMPARE(countRows(*store, QStringLiteral("carol")), qint64(0));

    const Status refused = store->transaction([&]() -> Status {
        RAGSCOPE_TRY(q, insertInteraction(*store, QStringLiteral("carol")));
        return makeError(ErrorKind::InvalidInput, QStringLiteral("changed my mind"));
    });
    QCOMPARE(refused.error().message, QStringLiteral("changed my mind"));
    QCOMPARE(countRows(*store, QStringLiteral("carol")), qint64(0));
    // the connection is usable afterwards
    QVERIFY(insertInteraction(*store, QStringLiteral("carol")).ok());
    QCOMPARE(countRows(*store, QStringLiteral("carol")), qint64(1));
}

void StoreTest::classifiesQueryErrors_data()
{
    QTest::addColumn<QString>("sql"); // %1: uuid placeholder, %2: time placeholder
    QTest::addColumn<bool>("ofExistingInteraction");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("exitCode");

    const QString feedback
        = QStringLiteral("INSERT INTO chat_feedbacks (id, interaction_id, rating, created_at)"
                         " VALUES (%1, %1, %3, %2)");
    QTest::newRow("foreign key: interaction does not exist")
        << feedback.arg(QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("3")) << false
        << int(ErrorKind::NotFound) << 3;
    QTest::newRow("check constraint: rating 7")
        << feedback.arg(QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("7")) << true
        << int(ErrorKind::InvalidInput) << 2;
    QTest::newRow("missing monitoring table")
        << QStringLiteral("SELECT * FROM chat_feedbacks_gone") << false << int(ErrorKind::MissingSchema) << 3;
    QTest::newRow("syntax error") << QStringLiteral("SELEC 1") << false << int(ErrorKind::Query) << 5;
}

void StoreTest::classifiesQueryErrors()
{
    QFETCH(QString, sql);
    QFETCH(bool, ofExistingInteraction);
    QFETCH(int, kind);
    QFETCH(int, exitCode);
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid existing = QUuid::createUuid();
    QVERIFY(insertInteraction(*store, QStringLiteral("dave"), existing).ok());
    const SqlDialect d(store->dialect());
    const auto q = sql.contains(QLatin1String("%1")) ? store->exec(sql.arg(d.uuidParam(), d.timeParam()),
                       { d.bindUuid(QUuid::createUuid()),
                           d.bindUuid(ofExistingInteraction ? existing : QUuid::createUuid()),
                           d.bindTime(QDateTime::currentDateTimeUtc()) })
                                                     : store->exec(sql);
    QVERIFY(!q.ok());
    QVERIFY2(int(q.error().kind) == kind, qPrintable(q.error().message));
    QCOMPARE(q.error().exitCode(), exitCode);
    QVERIFY(!q.error().message.isEmpty());
    QVERIFY2(
        !q.error().message.contains(QLatin1Char('\n')), qPrintable(q.error().message)); // one line, always
}

void StoreTest::servesManyThreadsAtOnceWithOneConnectionEach()
{
    TestDatabase db;
    const StorePtr store = db.open();
    struct Seen
    {
        Qt::HANDLE thread = nullptr;
        QString connection;
        bool ok = false;
    };
    QThreadPool pool; // its threads end with this test, closing their connections
    pool.setMaxThreadCount(4);
    QList<int> jobs(32);
    std::iota(jobs.begin(), jobs.end(), 0);
    const QList<Seen> seen = QtConcurrent::blockingMapped(&pool, jobs, [store](int i) {
        Seen s;
        s.thread = QThread::currentThreadId();
        const auto db = store->connection();
        s.connection = db.ok() ? db.value().connectionName() : QString();
        s.ok = db.ok() && insertInteraction(*store, QStringLiteral("user-%1").arg(i % 4)).ok()
            && store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions")).ok();
        QThread::msleep(5); // keep the threads overlapping
        return s;
    });
    QHash<Qt::HANDLE, QString> connectionOf;
    QSet<QString> connections;
    for (const Seen& s : seen) {
        QVERIFY(s.ok);
        // one connection per thread, never shared between threads
        QCOMPARE(connectionOf.value(s.thread, s.connection), s.connection);
        connectionOf.insert(s.thread, s.connection);
        connections.insert(s.connection);
    }
    QCOMPARE(connections.size(), connectionOf.size());
    QVERIFY(connectionOf.size() > 1);
    qint64 total = 0;
    for (int u = 0; u < 4; ++u)
        total += countRows(*store, QStringLiteral("user-%1").arg(u));
    QCOMPARE(total, qint64(32));
}

// SQLite files: missing, not a database, damaged.
class StoreSqliteTest : public QObject
{
    Q_OBJECT

private slots:
    void missingFileIsNotFound();
    void createsAMissingFileWhenAsked();
    void fileOfRandomBytesIsCorrupt();
    void damagedSqliteFileGivesAClearError_data();
    void damagedSqliteFileGivesAClearError();

private:
    QString migratedFileWithRows(const QTemporaryDir& dir);
};

void StoreSqliteTest::missingFileIsNotFound()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.sqlite"));
    const auto store = Store::open(QStringLiteral("sqlite:") + path, {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::NotFound);
    QCOMPARE(store.error().exitCode(), 3);
    QVERIFY2(store.error().message.contains(path), qPrintable(store.error().message));
    QVERIFY(!QFile::exists(path));
}

void StoreSqliteTest::createsAMissingFileWhenAsked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.sqlite"));
    Store::OpenOptions options;
    options.createIfMissing = true; // a new file gets the schema even without migrate
    const auto store = Store::open(path, options);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QVERIFY(QFile::exists(path));
    QCOMPARE(store.value()->schemaVersion(), MigrationRunner::available(Dialect::Sqlite).last().version);
}

void StoreSqliteTest::fileOfRandomBytesIsCorrupt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("noise.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QRandomGenerator rng(7);
    QByteArray noise(8192, Qt::Uninitialized);
    rng.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);
    f.write(noise);
    f.close();
    const auto store = Store::open(QStringLiteral("sqlite:") + path, migrating());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::Corrupt);
    QCOMPARE(store.error().exitCode(), 2);
    QVERIFY2(store.error().message.contains(QStringLiteral("not a SQLite database")),
        qPrintable(store.error().message));
}

QString StoreSqliteTest::migratedFileWithRows(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("store.sqlite"));
    {
        const auto store = Store::open(path, migrating());
        if (!store.ok())
            qFatal("cannot create %s", qPrintable(path));
        for (int i = 0; i < 200; ++i)
            insertInteraction(*store.value(), QStringLiteral("user-%1").arg(i));
    } // the store and its connections close here
    return path;
}

void StoreSqliteTest::damagedSqliteFileGivesAClearError_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated to its first page") << QStringLiteral("truncate");
    QTest::newRow("schema page garbled after the header") << QStringLiteral("garble");
}

void StoreSqliteTest::damagedSqliteFileGivesAClearError()
{
    QFETCH(QString, damage);
    QTemporaryDir dir;
    const QString path = migratedFileWithRows(dir);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.size() > 8192);
    if (damage == QLatin1String("truncate")) {
        QVERIFY(f.resize(4096));
    } else {
        QVERIFY(f.seek(100)); // keep the 100-byte header, so it still looks like SQLite
        f.write(QByteArray(3996, '\x5a'));
    }
    f.close();
    const auto store = Store::open(path, {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::Corrupt);
    QVERIFY2(
        store.error().message.contains(path) && store.error().message.contains(QStringLiteral("corrupt")),
        qPrintable(store.error().message));
}

// PostgreSQL servers: refused, unreachable, read-only roles, dropped connections.
class StorePostgresTest : public QObject
{
    Q_OBJECT

private slots:
    void wrongPasswordIsAuthFailed();
    void closedPortIsUnreachable();
    void unknownDatabaseIsNotFound();
    void readOnlyRoleOpensWithoutMigrating_data();
    void readOnlyRoleOpensWithoutMigrating();
    void droppedConnectionIsReportedThenReconnects();
};

void StorePostgresTest::wrongPasswordIsAuthFailed()
{
    TestDatabase db;
    const QString database = StoreLocation::parse(db.url())->database;
    const auto store = Store::open(
        TestDatabase::serverUrlFor(database, QStringLiteral("postgres"), QStringLiteral("WrongHorse")), {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::AuthFailed);
    QCOMPARE(store.error().exitCode(), 4);
    QVERIFY2(store.error().message.contains(QStringLiteral("'postgres'")), qPrintable(store.error().message));
    QVERIFY2(
        !store.error().message.contains(QStringLiteral("WrongHorse")), qPrintable(store.error().message));
}

void StorePostgresTest::closedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and has nobody listening now
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const auto store = Store::open(QStringLiteral("postgresql://127.0.0.1:%1/x").arg(port), {});
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::Unreachable);
    QCOMPARE(store.error().exitCode(), 4);
    QVERIFY2(
        store.error().message.contains(QStringLiteral("cannot reach")), qPrintable(store.error().message));
}

void StorePostgresTest::unknownDatabaseIsNotFound()
{
    const auto store
        = Store::open(TestDatabase::serverUrlFor(QStringLiteral("rs_no_such_database")), migrating());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::NotFound);
    QCOMPARE(store.error().exitCode(), 3);
    QVERIFY2(store.error().message.contains(QStringLiteral("rs_no_such_database")),
        qPrintable(store.error().message));
}

void StorePostgresTest::readOnlyRoleOpensWithoutMigrating_data()
{
    QTest::addColumn<bool>("migratedBefore");
    QTest::addColumn<QString>("tables"); // what the role may SELECT
    const QString all = QStringLiteral("ALL TABLES IN SCHEMA public");
    QTest::newRow("store made by the backend's schema file") << false << all;
    QTest::newRow("store already migrated") << true << all;
    // store contract §1: SELECT on both tables is all the dashboard needs
    QTest::newRow("migrated store, SELECT on the two monitoring tables only")
        << true << QStringLiteral("chat_interactions, chat_feedbacks");
}

void StorePostgresTest::readOnlyRoleOpensWithoutMigrating()
{
    QFETCH(bool, migratedBefore);
    QFETCH(QString, tables);
    TestDatabase db;
    if (migratedBefore)
        db.open();
    else
        db.execScript(Test::backendSchemaSql());
    const QString database = StoreLocation::parse(db.url())->database;
    const QString role = randomName(QStringLiteral("rs_reader_"));
    const QString password = randomName(QStringLiteral("pw"));
    // identifiers cannot be bound; these are generated here, never user input
    db.execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2';\n"
                                 "GRANT CONNECT ON DATABASE %3 TO %1;\n"
                                 "GRANT USAGE ON SCHEMA public TO %1;\n"
                                 "GRANT SELECT ON %4 TO %1;")
                      .arg(role, password, database, tables));
    {
        const auto store = Store::open(TestDatabase::serverUrlFor(database, role, password), migrating());
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QVERIFY(store.value()->isReadOnly());
        QVERIFY(!store.value()->readOnlyReason().isEmpty());
        const bool seesMigrations = migratedBefore && tables.startsWith(QLatin1String("ALL"));
        QCOMPARE(store.value()->schemaVersion(),
            seesMigrations ? MigrationRunner::available(Dialect::Postgres).last().version : 0);
        QVERIFY(store.value()->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions")).ok());
    }
    const StorePtr admin = db.open(false);
    auto q = admin->exec(QStringLiteral("SELECT to_regclass('ragscope_migrations') IS NOT NULL,"
                                        " to_regclass('ragscope_reviews') IS NOT NULL"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toBool(), migratedBefore); // nothing ran as the reader
    QCOMPARE(q.value().value(1).toBool(), migratedBefore);
    db.execScript(QStringLiteral("DROP OWNED BY %1;\nDROP ROLE %1;").arg(role));
}

void StorePostgresTest::droppedConnectionIsReportedThenReconnects()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const StorePtr other = db.open(false); // its own connection
    const auto backendPid = [&]() -> qint64 {
        auto q = store->exec(QStringLiteral("SELECT pg_backend_pid()"));
        return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
    };
    const auto kill = [&](qint64 pid) {
        auto killed = other->exec(QStringLiteral("SELECT pg_terminate_backend(?, 10000)"), { pid });
        return killed.ok() && killed.value().next() && killed.value().value(0).toBool();
    };

    // A write is never repeated: the caller hears that the connection was lost...
    const qint64 first = backendPid();
    QVERIFY(first > 0);
    QVERIFY(kill(first));
    const auto lost = insertInteraction(*store, QStringLiteral("dave"));
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().kind, ErrorKind::ConnectionLost);
    QCOMPARE(lost.error().exitCode(), 4);
    QCOMPARE(countRows(*store, QStringLiteral("dave")), qint64(0));
    // ...and the next statement runs on a new connection.
    QVERIFY(insertInteraction(*store, QStringLiteral("erin")).ok());
    QCOMPARE(countRows(*store, QStringLiteral("erin")), qint64(1));

    // A read outside a transaction retries once on a fresh connection and succeeds.
    const qint64 second = backendPid();
    QVERIFY(second > 0 && second != first);
    QVERIFY(kill(second));
    const qint64 third = backendPid();
    QVERIFY(third > 0);
    QVERIFY(third != second);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    StoreTest common;
    int failures = QTest::qExec(&common, argc, argv);
    if (Test::dialectUnderTest() == Dialect::Postgres) {
        StorePostgresTest postgres;
        failures += QTest::qExec(&postgres, argc, argv);
    } else {
        StoreSqliteTest sqlite;
        failures += QTest::qExec(&sqlite, argc, argv);
    }
    return failures;
}

#include "tst_store.moc"
