#include "jobs/dbthreadpool.h"
#include "store/connectionregistry.h"
#include "store/pgconnectoptions.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

// Sessions connected to `database`, seen from a session of the test's own on `postgres`.
int sessions(const QString& database)
{
    const QString name = QStringLiteral("tst_connectionregistry-side");
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!configurePostgresConnection(db, StoreLocation::parse(TestDatabase::serverUrl()).value()).ok()
            || !db.open())
            qFatal("side connection failed: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"));
        q.addBindValue(database);
        if (!q.exec() || !q.next())
            qFatal("pg_stat_activity: %s", qPrintable(q.lastError().text()));
        n = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

// Reads once on every thread of the pool at the same time, so that each holds a connection.
void readOnEveryPoolThread(const StorePtr& store)
{
    const int threads = dbThreadPool()->maxThreadCount();
    QSemaphore arrived;
    QList<QFuture<bool>> reads;
    for (int i = 0; i < threads; ++i) {
        reads << QtConcurrent::run(dbThreadPool(), [store, &arrived, threads] {
            const bool ok = store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions")).ok();
            arrived.release();
            arrived.acquire(threads); // all threads busy at once: one read per thread
            arrived.release(threads);
            return ok;
        });
    }
    for (QFuture<bool>& read : reads)
        QVERIFY(read.result());
}

} // namespace

class ConnectionRegistryTest : public QObject
{
    Q_OBJECT

private slots:
    void closingAStoreClosesItsConnectionsOnEveryThread();
    void anOpenStoreKeepsItsConnections();
};

void ConnectionRegistryTest::closingAStoreClosesItsConnectionsOnEveryThread()
{
    TestDatabase db;
    StorePtr store = db.open(); // opened on this thread: one connection here too
    readOnEveryPoolThread(store);
    const bool pg = db.dialect() == Dialect::Postgres;
    const QString database = store->location().database;
    if (pg)
        QVERIFY(sessions(database) >= dbThreadPool()->maxThreadCount());

    store.reset(); // the pool's threads are idle: nothing else would ever touch them again
    QTRY_COMPARE_WITH_TIMEOUT(ConnectionRegistry::closedStoreConnections(), 0, 10000);
    if (pg)
        QTRY_COMPARE_WITH_TIMEOUT(sessions(database), 0, 10000);
}

void ConnectionRegistryTest::anOpenStoreKeepsItsConnections()
{
    TestDatabase db;
    const StorePtr kept = db.open();
    readOnEveryPoolThread(kept);
    const bool pg = db.dialect() == Dialect::Postgres;
    const QString database = kept->location().database;
    const int keptSessions = pg ? sessions(database) : 0;
    StorePtr closed = db.open();
    readOnEveryPoolThread(closed);
    if (pg)
        QVERIFY(sessions(database) > keptSessions);

    closed.reset();
    QTRY_COMPARE_WITH_TIMEOUT(ConnectionRegistry::closedStoreConnections(), 0, 10000);
    if (pg) // the closed store's sessions end, the open one's stay
        QTRY_COMPARE_WITH_TIMEOUT(sessions(database), keptSessions, 10000);
    QVERIFY(kept->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions")).ok());
}

QTEST_GUILESS_MAIN(ConnectionRegistryTest)
#include "tst_connectionregistry.moc"
