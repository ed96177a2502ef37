#include "jobs/canceltoken.h"
#include "jobs/dbthreadpool.h"
#include "jobs/latestjob.h"
#include "store/pgconnectoptions.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

// Minutes of work if nothing stops it.
QString longRead(Dialect dialect)
{
    return dialect == Dialect::Postgres
        ? QStringLiteral("SELECT pg_sleep(30)")
        : QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000000)"
            " SELECT count(*) FROM c");
}

// Statements running now in `database` whose text starts with `prefix`, seen from a session of
// the test's own on the server's `postgres` database.
int runningStatements(const QString& database, const QString& prefix)
{
    const QString name = QStringLiteral("tst_querycanceller-side");
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!configurePostgresConnection(db, StoreLocation::parse(TestDatabase::serverUrl()).value()).ok()
            || !db.open())
            qFatal("side connection failed: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND state = 'active'"
                           " AND left(query, length(?)) = ?"));
        q.addBindValue(database);
        q.addBindValue(prefix);
        q.addBindValue(prefix);
        if (!q.exec() || !q.next())
            qFatal("pg_stat_activity: %s", qPrintable(q.lastError().text()));
        n = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

// What a read ended with: 0 success, otherwise 1 + its ErrorKind.
int outcome(const Result<QSqlQuery>& result)
{
    return result.ok() ? 0 : 1 + int(result.error().kind);
}
constexpr int CancelledOutcome = 1 + int(ErrorKind::Cancelled);

} // namespace

class QueryCancellerTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void longReadIsInterruptedInTheDatabase();
    void supersededJobIsCancelledInTheDatabase();
    void cancelledJobRunsNoFurtherReads();
    void writesOfACancelledJobRunToTheirEnd();

private:
    // Waits until the long read of `started` runs in the database (PostgreSQL: seen in
    // pg_stat_activity; SQLite: the job has begun it).
    void waitUntilRunning(const std::atomic<bool>& started);

    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
};

void QueryCancellerTest::init()
{
    m_db = std::make_unique<TestDatabase>();
    m_store = m_db->open();
}

void QueryCancellerTest::cleanup()
{
    m_store.reset();
    m_db.reset();
}

void QueryCancellerTest::waitUntilRunning(const std::atomic<bool>& started)
{
    QTRY_VERIFY_WITH_TIMEOUT(started, 20000);
    if (m_store->dialect() == Dialect::Postgres)
        QTRY_COMPARE_WITH_TIMEOUT(
            runningStatements(m_store->location().database, longRead(Dialect::Postgres)), 1, 20000);
    else
        QTest::qWait(300); // into its loop; a cancel before its first step is caught as well
}

void QueryCancellerTest::longReadIsInterruptedInTheDatabase()
{
    const CancelToken token;
    std::atomic<bool> started { false };
    const QString sql = longRead(m_store->dialect());
    QFuture<int> job = QtConcurrent::run(dbThreadPool(), [store = m_store, token, sql, &started] {
        const CancelToken::Scope scope(token);
        started = true;
        return outcome(store->exec(sql));
    });
    waitUntilRunning(started);
    QVERIFY(!job.isFinished());
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    token.cancel();
    // Bounded: uncancelled, the statement runs for 30 s (PostgreSQL) or minutes (SQLite).
    QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 15000);
    qInfo("%s: the statement ended %lld ms after cancel()", qPrintable(Test::dialectName()),
        sinceCancel.elapsed()); // a figure for the record, not an assertion
    QCOMPARE(job.result(), CancelledOutcome);
    if (m_store->dialect() == Dialect::Postgres)
        QCOMPARE(runningStatements(m_store->location().database, longRead(Dialect::Postgres)), 0);

    // The pool's connections are fine afterwards: every thread reads again.
    QList<QFuture<int>> reads;
    for (int i = 0; i < dbThreadPool()->maxThreadCount() * 2; ++i)
        reads << QtConcurrent::run(dbThreadPool(), [store = m_store] {
            return outcome(store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions")));
        });
    for (QFuture<int>& read : reads)
        QCOMPARE(read.result(), 0);
}

void QueryCancellerTest::supersededJobIsCancelledInTheDatabase()
{
    LatestJob job;
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto oldOutcome = std::make_shared<std::atomic<int>>(-1);
    bool oldDelivered = false;
    int newResult = -1;
    job.start(
        [store = m_store, sql = longRead(m_store->dialect()), started, oldOutcome] {
            *started = true;
            *oldOutcome = outcome(store->exec(sql));
            return 1;
        },
        [&oldDelivered](int) { oldDelivered = true; });
    waitUntilRunning(*started);
    job.start([store = m_store] { return outcome(store->exec(QStringLiteral("SELECT 1"))); },
        [&newResult](int result) { newResult = result; });
    QTRY_COMPARE_WITH_TIMEOUT(newResult, 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(oldOutcome->load(), CancelledOutcome, 15000);
    if (m_store->dialect() == Dialect::Postgres)
        QCOMPARE(runningStatements(m_store->location().database, longRead(Dialect::Postgres)), 0);
    QVERIFY(!oldDelivered);
    QVERIFY(!job.isBusy());
}

void QueryCancellerTest::cancelledJobRunsNoFurtherReads()
{
    const CancelToken token;
    token.cancel();
    const CancelToken::Scope scope(token);
    const auto read = m_store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_interactions"));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Cancelled);
    QVERIFY(read.error().kindName() == QStringLiteral("cancelled"));
}

void QueryCancellerTest::writesOfACancelledJobRunToTheirEnd()
{
    const CancelToken token;
    token.cancel();
    {
        const CancelToken::Scope scope(token);
        // A transaction is never cut in half by a cancel: its writes and its end go through.
        const Status written = m_store->transaction([this] {
            const auto made = m_store->exec(QStringLiteral("CREATE TABLE cancel_probe (n INTEGER)"));
            if (!made.ok())
                return Status(made.error());
            const auto inserted
                = m_store->exec(QStringLiteral("INSERT INTO cancel_probe (n) VALUES (?)"), { 7 });
            return inserted.ok() ? Status(Done {}) : Status(inserted.error());
        });
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    }
    auto read = m_store->exec(QStringLiteral("SELECT n FROM cancel_probe"));
    QVERIFY(read.ok());
    QSqlQuery q = std::move(read.value());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 7);
}

QTEST_GUILESS_MAIN(QueryCancellerTest)
#include "tst_querycanceller.moc"
