// AsyncInteractionRecorder on a real store: ids at once, batches written and priced, a full queue
// drops and counts, a refused row costs only itself, shutdown writes what is queued, 8 producers.
#include "fixtures.h"
#include "recorder/asyncinteractionrecorder.h"
#include "store/pgconnectoptions.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::countRows;
using RagScope::Test::TestDatabase;

namespace {

InteractionRecord answer(int n)
{
    InteractionRecord r;
    r.userId = QStringLiteral("user-%1").arg(n % 7);
    r.query = QStringLiteral("question %1\twith a tab,\na line break and a \\ backslash").arg(n);
    r.answer = QStringLiteral("answer %1 ✓").arg(n);
    r.confidence = (n % 10) / 10.0;
    r.totalLatencyMs = 100.25 + n;
    r.model = QStringLiteral("gemini-1.5-pro-latest");
    r.promptTokens = 1000;
    r.completionTokens = 500;
    return r;
}

// Holds the interactions table locked from a connection of its own, so the writer waits.
class TableLock
{
public:
    explicit TableLock(const TestDatabase& db)
        : m_name(QStringLiteral("lock-") + QUuid::createUuid().toString())
    {
        const auto loc = StoreLocation::parse(db.url());
        QSqlDatabase c = QSqlDatabase::addDatabase(
            loc->dialect == Dialect::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_name);
        if (loc->dialect == Dialect::Postgres)
            QVERIFY(configurePostgresConnection(c, *loc).ok());
        else
            c.setDatabaseName(loc->sqlitePath);
        QVERIFY2(c.open(), qPrintable(c.lastError().text()));
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("BEGIN")) || q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        if (loc->dialect == Dialect::Postgres)
            QVERIFY2(q.exec(QStringLiteral("LOCK TABLE chat_interactions IN ACCESS EXCLUSIVE MODE")),
                qPrintable(q.lastError().text()));
        else // BEGIN was deferred: take SQLite's write lock now
            QVERIFY2(q.exec(QStringLiteral("DELETE FROM chat_interactions WHERE 0")),
                qPrintable(q.lastError().text()));
        m_locked = true;
    }
    void release()
    {
        if (!m_locked)
            return;
        QSqlQuery(QSqlDatabase::database(m_name, false)).exec(QStringLiteral("COMMIT"));
        m_locked = false;
    }
    ~TableLock()
    {
        release();
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

private:
    QString m_name;
    bool m_locked = false;
};

} // namespace

class AsyncInteractionRecorderTest : public QObject
{
    Q_OBJECT

private slots:
    void returnsTheIdAtOnceAndWritesThePricedRow()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder recorder(store);
        InteractionRecord r = answer(1);
        r.createdAt = QDateTime(QDate(2026, 11, 19), QTime(10, 20, 30, 123), QTimeZone::utc());
        const auto id = recorder.record(r);
        QVERIFY(id.ok());
        QVERIFY(!id.value().isNull());
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        const SqlDialect d(store->dialect());
        auto q
            = store->exec(QStringLiteral("SELECT %1, total_tokens, %2, query, answer FROM chat_interactions c"
                                         " WHERE id = %3")
                              .arg(d.costColumn(QStringLiteral("c")),
                                  d.timeText(QStringLiteral("c.created_at")), d.uuidParam()),
                { d.bindUuid(id.value()) });
        QVERIFY(q.ok());
        QVERIFY(q.value().next());
        // (1000 × 0.125 + 500 × 0.375) / 1e6 = 0.0003125 USD
        QCOMPARE(d.moneyValue(q.value().value(0)).toString(), QStringLiteral("0.00031250"));
        QCOMPARE(q.value().value(1).toLongLong(), 1500);
        QCOMPARE(q.value().value(2).toString(), QStringLiteral("2026-11-19T10:20:30.123000Z"));
        QCOMPARE(q.value().value(3).toString(), r.query); // tab, line break and backslash survive COPY
        QCOMPARE(q.value().value(4).toString(), r.answer);
        const RecorderHealth h = recorder.health();
        QCOMPARE(h.written, 1);
        QCOMPARE(h.queued, 0);
        QCOMPARE(h.dropped, 0);
        QVERIFY(h.storeReachable);
    }

    void refusesInvalidRecordsAtOnce()
    {
        TestDatabase db;
        AsyncInteractionRecorder recorder(db.open());
        InteractionRecord r = answer(1);
        r.userId.clear();
        const auto refused = recorder.record(r);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(recorder.health().queued, 0);
    }

    void aFullQueueDropsAndCounts()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder::Options options;
        options.capacity = 10;
        options.batchSize = 4;
        AsyncInteractionRecorder recorder(store, CostTracker(), options);
        TableLock lock(db); // the writer takes what it can and then waits on the lock
        int accepted = 0, refused = 0;
        for (int i = 0; i < 100; ++i) {
            const auto id = recorder.record(answer(i));
            if (id.ok()) {
                ++accepted;
            } else {
                ++refused;
                QCOMPARE(id.error().kind, ErrorKind::Unreachable);
                QVERIFY2(id.error().message.contains(QLatin1String("queue is full")),
                    qPrintable(id.error().message));
            }
        }
        QCOMPARE(accepted, 10);
        QCOMPARE(refused, 90);
        QCOMPARE(recorder.health().dropped, 90);
        QCOMPARE(recorder.health().queued, 10);
        lock.release();
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        QCOMPARE(recorder.health().written, 10);
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), 10);
        QVERIFY(recorder.record(answer(200)).ok()); // room again
    }

    void aRowTheStoreRefusesCostsOnlyItself()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder recorder(store);
        const auto first = recorder.record(answer(0));
        QVERIFY(first.ok());
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        {
            TableLock lock(db); // the next 50 reach the writer in one batch
            for (int i = 1; i <= 50; ++i) {
                InteractionRecord r = answer(i);
                if (i == 25)
                    r.id = first.value(); // a duplicate key: the store refuses this row
                QVERIFY(recorder.record(r).ok());
            }
        }
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        const RecorderHealth h = recorder.health();
        QCOMPARE(h.written, 50);
        QCOMPARE(h.rejected, 1);
        QVERIFY(!h.lastError.isEmpty());
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), 50);
    }

    void shutdownWritesEverythingQueued()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder::Options options;
        options.batchSize = 100;
        AsyncInteractionRecorder recorder(store, CostTracker(), options);
        for (int i = 0; i < 5000; ++i)
            QVERIFY(recorder.record(answer(i)).ok());
        const RecorderHealth h = recorder.shutdown(QDeadlineTimer(120'000));
        QCOMPARE(h.written, 5000);
        QCOMPARE(h.abandoned, 0);
        QCOMPARE(h.queued, 0);
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), 5000);
        const auto late = recorder.record(answer(1));
        QVERIFY(!late.ok());
        QCOMPARE(late.error().kind, ErrorKind::Unreachable);
    }

    void eightProducersAtOnce()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder recorder(store);
        constexpr int Producers = 8, Each = 2000;
        QList<QList<QUuid>> ids(Producers);
        QList<QThread*> threads;
        for (int p = 0; p < Producers; ++p) {
            threads << QThread::create([&recorder, &ids, p] {
                for (int i = 0; i < Each; ++i) {
                    const auto id = recorder.record(answer(p * Each + i));
                    if (id.ok())
                        ids[p] << id.value();
                }
            });
        }
        for (QThread* t : threads)
            t->start();
        for (QThread* t : threads) {
            t->wait();
            delete t;
        }
        QSet<QUuid> unique;
        for (const auto& list : ids) {
            QCOMPARE(list.size(), Each);
            for (const QUuid& id : list)
                unique.insert(id);
        }
        QCOMPARE(unique.size(), Producers * Each);
        QVERIFY(recorder.flush(QDeadlineTimer(120'000)));
        QCOMPARE(recorder.health().written, Producers * Each);
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), Producers * Each);
    }
};

QTEST_GUILESS_MAIN(AsyncInteractionRecorderTest)
#include "tst_asyncinteractionrecorder.moc"
