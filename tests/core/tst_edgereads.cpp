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
    // Each test on a store of its own: the fixture's rows, rolled up, and their exact count.
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        m_store = m_db->open();
        fill(m_store);
        refresh(m_store);
        m_exact = requests(MetricsCollector(m_store));
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void oneRefreshReadsEachEdgeOnce()
    {
        const auto reads = std::make_shared<EdgeReads>();
        QCOMPARE(requests(fromRollups(m_store, reads)), m_exact);
        recordInOpenHour(m_store, "2026-03-10T12:10:00Z");
        // The refresh's read of the open hour answers again; a new refresh reads the new row.
        QCOMPARE(requests(fromRollups(m_store, reads)), m_exact);
        QCOMPARE(requests(fromRollups(m_store, std::make_shared<EdgeReads>())), m_exact + 1);
        QCOMPARE(requests(fromRollups(m_store, nullptr)), m_exact + 1);
    }

    void answersWithoutFeedbackUseTheReadWithFeedback()
    {
        const auto reads = std::make_shared<EdgeReads>();
        const auto ratings = fromRollups(m_store, reads).ratings(Unaligned); // reads the edges' feedback
        QVERIFY(ratings.ok());
        QCOMPARE(ratings->interactions, m_exact);
        recordInOpenHour(m_store, "2026-03-10T12:10:00Z");
        QCOMPARE(requests(fromRollups(m_store, reads)), m_exact); // not a read of its own
    }

    void aFailedReadIsReadAgain()
    {
        const auto reads = std::make_shared<EdgeReads>();
        // The rollup tables answer the middle, the base table is gone for the edges.
        QVERIFY(m_store->exec(u"ALTER TABLE chat_interactions RENAME TO chat_interactions_away"_s).ok());
        QVERIFY(!fromRollups(m_store, reads).kpis(Unaligned).ok());
        QVERIFY(m_store->exec(u"ALTER TABLE chat_interactions_away RENAME TO chat_interactions"_s).ok());
        QCOMPARE(requests(fromRollups(m_store, reads)), m_exact);
    }

    void jobsAtOnceShareOneRead()
    {
        const MetricsCollector raw(m_store);
        const auto exactTotals = raw.kpis(Unaligned);
        const auto exactRatings = raw.ratings(Unaligned);
        QVERIFY(exactTotals.ok() && exactRatings.ok());
        const MetricsCollector shared = fromRollups(m_store, std::make_shared<EdgeReads>());
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

private:
    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
    qint64 m_exact = 0;
};

QTEST_GUILESS_MAIN(TestEdgeReads)
#include "tst_edgereads.moc"
