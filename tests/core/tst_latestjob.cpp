#include "jobs/canceltoken.h"
#include "jobs/latestjob.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace RagScope;

namespace {

// A job that runs until the test opens the gate, and says when it has finished.
struct Gate
{
    QSemaphore open;
    std::atomic<bool> started { false };
    std::atomic<bool> finished { false };
};

auto gatedWork(const std::shared_ptr<Gate>& gate, int value)
{
    return [gate, value] {
        gate->started = true;
        gate->open.acquire();
        gate->finished = true;
        return value;
    };
}

} // namespace

class LatestJobTest : public QObject
{
    Q_OBJECT

private slots:
    void deliversTheResultOnTheOwnersThread();
    void newerStartSupersedesARunningOne();
    void onlyTheLastOfManyStartsIsDelivered();
    void busyChangedTogglesOncePerBurst();
    void cancelDropsTheResultAndClearsBusy();
    void noCallbackAfterTheOwnerIsDestroyed();
    void callbackMayStartTheNextJob();
    void progressOfTheNewestJobIsReported();
    void supersededWorkSeesItsPromiseAndTokenCancelled();
    void cancelWithNothingInFlightChangesNothing();
};

void LatestJobTest::deliversTheResultOnTheOwnersThread()
{
    LatestJob job;
    std::atomic<Qt::HANDLE> workThread { nullptr };
    int result = 0;
    QThread* callbackThread = nullptr;
    job.start(
        [&workThread] {
            workThread = QThread::currentThreadId();
            return 42;
        },
        [&](int value) {
            result = value;
            callbackThread = QThread::currentThread();
        });
    QTRY_COMPARE(result, 42);
    QCOMPARE(callbackThread, QThread::currentThread());
    QVERIFY(workThread.load() != QThread::currentThreadId());
    QVERIFY(!job.isBusy());
}

void LatestJobTest::newerStartSupersedesARunningOne()
{
    LatestJob job;
    auto slow = std::make_shared<Gate>();
    QList<int> delivered;
    job.start(gatedWork(slow, 1), [&](int v) { delivered << v; });
    QTRY_VERIFY(slow->started);
    job.start([] { return 2; }, [&](int v) { delivered << v; });
    QTRY_COMPARE(delivered, QList<int>({ 2 }));

    slow->open.release(); // the old job finishes now, after the newer one
    QTRY_VERIFY(slow->finished);
    QTest::qWait(50); // give a (wrong) late delivery the chance to arrive
    QCOMPARE(delivered, QList<int>({ 2 }));
    QVERIFY(!job.isBusy());
}

void LatestJobTest::onlyTheLastOfManyStartsIsDelivered()
{
    LatestJob job;
    auto gate = std::make_shared<Gate>();
    QList<int> delivered;
    for (int i = 1; i <= 10; ++i)
        job.start(gatedWork(gate, i), [&](int v) { delivered << v; });
    QCOMPARE(job.generation(), quint64(10));
    gate->open.release(10);
    QTRY_COMPARE(delivered, QList<int>({ 10 }));
    QTest::qWait(50);
    QCOMPARE(delivered, QList<int>({ 10 }));
}

void LatestJobTest::busyChangedTogglesOncePerBurst()
{
    LatestJob job;
    QSignalSpy spy(&job, &LatestJob::busyChanged);
    auto gate = std::make_shared<Gate>();
    int calls = 0;
    job.start(gatedWork(gate, 1), [&](int) { ++calls; });
    QVERIFY(job.isBusy());
    job.start(gatedWork(gate, 2), [&](int) { ++calls; });
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toBool(), true);

    gate->open.release(2);
    QTRY_COMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).toBool(), false);
    QCOMPARE(calls, 1);
    QVERIFY(!job.isBusy());

    job.start([] { return 3; }, [&](int) { ++calls; });
    QTRY_COMPARE(spy.size(), 4);
    QCOMPARE(spy.at(2).at(0).toBool(), true);
    QCOMPARE(spy.at(3).at(0).toBool(), false);
    QCOMPARE(calls, 2);
}

void LatestJobTest::cancelDropsTheResultAndClearsBusy()
{
    LatestJob job;
    QSignalSpy spy(&job, &LatestJob::busyChanged);
    auto gate = std::make_shared<Gate>();
    bool called = false;
    job.start(gatedWork(gate, 1), [&](int) { called = true; });
    job.cancel();
    QVERIFY(!job.isBusy());
    QCOMPARE(spy.size(), 2);
    gate->open.release();
    QTRY_VERIFY(gate->finished || !gate->started); // a queued job may be dropped before it runs
    QTest::qWait(50);
    QVERIFY(!called);
    QCOMPARE(spy.size(), 2);
}

void LatestJobTest::noCallbackAfterTheOwnerIsDestroyed()
{
    auto gate = std::make_shared<Gate>();
    auto called = std::make_shared<bool>(false);
    auto* owner = new QObject;
    auto* job = new LatestJob(owner);
    job->start(gatedWork(gate, 1), [called](int) { *called = true; });
    QTRY_VERIFY(gate->started);
    delete owner; // takes the job with it while the work still runs
    gate->open.release();
    QTRY_VERIFY(gate->finished);
    QTest::qWait(50);
    QVERIFY(!*called);
}

void LatestJobTest::callbackMayStartTheNextJob()
{
    LatestJob job;
    QSignalSpy spy(&job, &LatestJob::busyChanged);
    QList<int> delivered;
    job.start([] { return 1; },
        [&](int v) {
            delivered << v;
            job.start([] { return 2; }, [&](int w) { delivered << w; });
        });
    QTRY_COMPARE(delivered, QList<int>({ 1, 2 }));
    QTRY_VERIFY(!job.isBusy());
    QCOMPARE(spy.last().at(0).toBool(), false);
}

void LatestJobTest::progressOfTheNewestJobIsReported()
{
    LatestJob job;
    QSignalSpy progress(&job, &LatestJob::progress);
    int result = 0;
    job.start(
        [](QPromise<int>& promise) {
            promise.setProgressRange(0, 4);
            for (int i = 1; i <= 4; ++i)
                promise.setProgressValue(i);
            return 7;
        },
        [&result](int value) { result = value; });
    QTRY_COMPARE(result, 7);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 4); // the last step always arrives
    QCOMPARE(progress.last().at(1).toInt(), 4);
}

void LatestJobTest::supersededWorkSeesItsPromiseAndTokenCancelled()
{
    LatestJob job;
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto sawPromise = std::make_shared<std::atomic<bool>>(false);
    auto sawToken = std::make_shared<std::atomic<bool>>(false);
    job.start(
        [started, sawPromise, sawToken](QPromise<int>& promise) {
            *started = true;
            const CancelToken token = CancelToken::current();
            while (!promise.isCanceled() || !token.isCanceled())
                QThread::msleep(1); // until a newer start() supersedes it
            *sawPromise = promise.isCanceled();
            *sawToken = token.isCanceled();
            return 1;
        },
        [](int) { QFAIL("a superseded result was delivered"); });
    QTRY_VERIFY(started->load());
    int delivered = 0;
    job.start([] { return 2; }, [&delivered](int value) { delivered = value; });
    QTRY_COMPARE(delivered, 2);
    QTRY_VERIFY(sawPromise->load() && sawToken->load());
}

void LatestJobTest::cancelWithNothingInFlightChangesNothing()
{
    LatestJob job;
    QSignalSpy busy(&job, &LatestJob::busyChanged);
    int delivered = 0;
    job.start([] { return 1; }, [&delivered](int value) { delivered = value; });
    QTRY_COMPARE(delivered, 1);
    const quint64 generation = job.generation();
    job.cancel();
    QCOMPARE(job.generation(), generation);
    QCOMPARE(busy.size(), 2);
}

QTEST_GUILESS_MAIN(LatestJobTest)
#include "tst_latestjob.moc"
