// EdgeReads: the raw reads of a window's edges shared by the answers of one refresh, on both
// dialects. The open hour of the rollup fixture (12:00 to Now) is such an edge.
#include "fixtures.h"
#include "jobs/dbthreadpool.h"
#include "metrics/metricscollector.h"
#include "rollup/edgereads.h"
#include "rollupfixture.h"

#include <QtConcurrent>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;
using namespace Qt::StringLiterals;

namespace {

// A row in the open hour, which every rollup answer of the fixture's windows reads raw.
void recordInOpenHour(const StorePtr& store, const char* when)
{
    InteractionRecord r;
    r.userId = u"late"_s;
    r.query = r.answer = u"in the open hour"_s;
    r.promptTokens = 10;
    r.createdAt = at(when);
    QVERIFY(!recordInteraction(store, r).isNull());
}

qint64 requests(const MetricsCollector& metrics)
{
    const auto kpis = metrics.kpis(Unaligned);
    if (!kpis.ok())
        qWarning("%s", qPrintable(kpis.error().message));
    return kpis.ok() ? kpis->requests : -1;
}

MetricsCollector fromRollups(const StorePtr& store, std::shared_ptr<EdgeReads> reads)
{
    return MetricsCollector(store, MetricsCollector::Answering::FromRollups, std::move(reads));
}

} // namespace

class TestEdgeReads : public QObject
{
    Q_OBJECT

private slots:
    void oneRefreshReadsEachEdgeOnce()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const qint64 before = requests(MetricsCollector(store));
        const auto reads = std::make_shared<EdgeReads>();
        QCOMPARE(requests(fromRollups(store, reads)), before);
        recordInOpenHour(store, "2026-03-10T12:10:00Z");
        // The refresh's read of the open hour answers again; a new refresh reads the new row.
        QCOMPARE(requests(fromRollups(store, reads)), before);
        QCOMPARE(requests(fromRollups(store, std::make_shared<EdgeReads>())), before + 1);
        QCOMPARE(requests(fromRollups(store, nullptr)), before + 1);
    }

    void answersWithoutFeedbackUseTheReadWithFeedback()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const qint64 before = requests(MetricsCollector(store));
        const auto reads = std::make_shared<EdgeReads>();
        const auto ratings = fromRollups(store, reads).ratings(Unaligned); // reads the edges' feedback
        QVERIFY(ratings.ok());
        QCOMPARE(ratings->interactions, before);
        recordInOpenHour(store, "2026-03-10T12:10:00Z");
        QCOMPARE(requests(fromRollups(store, reads)), before); // not a read of its own
    }

    void aFailedReadIsReadAgain()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const qint64 exact = requests(MetricsCollector(store));
        const auto reads = std::make_shared<EdgeReads>();
        // The rollup tables answer the middle, the base table is gone for the edges.
        QVERIFY(store->exec(u"ALTER TABLE chat_interactions RENAME TO chat_interactions_away"_s).ok());
        QVERIFY(!fromRollups(store, reads).kpis(Unaligned).ok());
        QVERIFY(store->exec(u"ALTER TABLE chat_interactions_away RENAME TO chat_interactions"_s).ok());
        QCOMPARE(requests(fromRollups(store, reads)), exact);
    }

    void jobsAtOnceShareOneRead()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const MetricsCollector raw(store);
        const auto exactTotals = raw.kpis(Unaligned);
        const auto exactRatings = raw.ratings(Unaligned);
        QVERIFY(exactTotals.ok() && exactRatings.ok());
        const MetricsCollector shared = fromRollups(store, std::make_shared<EdgeReads>());
        // The pages' jobs on the database threads, as the app runs one refresh: every answer exact.
        QList<QFuture<bool>> jobs;
        for (int i = 0; i < 8; ++i) {
            jobs << QtConcurrent::run(dbThreadPool(), [&, i] {
                if (i % 2 == 0) {
                    const auto k = shared.kpis(Unaligned);
                    return k.ok() && k->requests == exactTotals->requests
                        && k->totalCost == exactTotals->totalCost;
                }
                const auto r = shared.ratings(Unaligned);
                return r.ok() && r->interactionsWithFeedback == exactRatings->interactionsWithFeedback
                    && r->counts == exactRatings->counts;
            });
        }
        for (QFuture<bool>& job : jobs)
            QVERIFY(job.result());
    }
};

QTEST_GUILESS_MAIN(TestEdgeReads)
#include "tst_edgereads.moc"
