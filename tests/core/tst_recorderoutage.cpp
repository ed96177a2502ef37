// The store goes away and comes back: the throwaway PostgreSQL is stopped and started
// (pg-fixture.sh pause / resume) under an AsyncInteractionRecorder. What fit in the queue is
// written once the server is back; a shutdown while it is away says how much it could not write.
#include "fixtures.h"
#include "recorder/asyncinteractionrecorder.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using RagScope::Test::countRows;
using RagScope::Test::runPgFixture;
using RagScope::Test::TestDatabase;

namespace {

InteractionRecord answer(int n)
{
    InteractionRecord r;
    r.userId = QStringLiteral("user-%1").arg(n % 5);
    r.query = QStringLiteral("question %1").arg(n);
    r.answer = QStringLiteral("answer %1").arg(n);
    r.model = QStringLiteral("gemini-1.5-flash");
    r.promptTokens = 100;
    r.completionTokens = 50;
    return r;
}

// Stops the shared server for a while; starts it again even when a check fails midway.
class Outage
{
public:
    Outage() { runPgFixture(QStringLiteral("pause"), qEnvironmentVariable("RAGSCOPE_PG_STATE")); }
    void end()
    {
        if (m_down)
            runPgFixture(QStringLiteral("resume"), qEnvironmentVariable("RAGSCOPE_PG_STATE"));
        m_down = false;
    }
    ~Outage() { end(); }

private:
    bool m_down = true;
};

} // namespace

class RecorderOutageTest : public QObject
{
    Q_OBJECT

private slots:
    void losesNothingThatFitWhileTheStoreWasAway()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder::Options options;
        options.capacity = 1000;
        options.batchSize = 100;
        options.maxBackoff = std::chrono::milliseconds(400);
        AsyncInteractionRecorder recorder(store, CostTracker(), options);
        for (int i = 0; i < 200; ++i)
            QVERIFY(recorder.record(answer(i)).ok());
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        QCOMPARE(recorder.health().written, 200);
        {
            Outage outage;
            for (int i = 200; i < 1200; ++i) // exactly what fits
                QVERIFY(recorder.record(answer(i)).ok());
            QVERIFY(!recorder.record(answer(5000)).ok()); // one more is dropped, and counted
            QTRY_VERIFY_WITH_TIMEOUT(recorder.health().retries >= 2, 30'000);
            const RecorderHealth away = recorder.health();
            QVERIFY(!away.storeReachable);
            QVERIFY(!away.lastError.isEmpty());
            QCOMPARE(away.queued, 1000);
            QCOMPARE(away.dropped, 1);
            QVERIFY(!recorder.flush(QDeadlineTimer(300))); // cannot finish while the store is away
            outage.end();
        }
        QVERIFY(recorder.flush(QDeadlineTimer(120'000)));
        const RecorderHealth back = recorder.health();
        QCOMPARE(back.written, 1200);
        QCOMPARE(back.queued, 0);
        QCOMPARE(back.dropped, 1);
        QCOMPARE(back.rejected, 0);
        QVERIFY(back.storeReachable);
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), 1200);
    }

    void shutdownWhileTheStoreIsAwaySaysWhatWasNotWritten()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        AsyncInteractionRecorder recorder(store);
        QVERIFY(recorder.record(answer(0)).ok());
        QVERIFY(recorder.flush(QDeadlineTimer(60'000)));
        Outage outage;
        for (int i = 1; i <= 30; ++i)
            QVERIFY(recorder.record(answer(i)).ok());
        const RecorderHealth h = recorder.shutdown(QDeadlineTimer(1'500));
        QCOMPARE(h.written, 1);
        QCOMPARE(h.abandoned, 30);
        QCOMPARE(h.queued, 0);
        outage.end();
        QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), 1);
    }
};

QTEST_GUILESS_MAIN(RecorderOutageTest)
#include "tst_recorderoutage.moc"
