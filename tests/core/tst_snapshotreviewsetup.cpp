// Snapshots carry the team-review setup: the store's labels, rating wording and saved queues
// (not its leases) and the queue and kind of every review, for the whole store and for a
// window; reviews made offline in one of those queues — a verdict, an adjudication — push back
// with their queue and kind, once.
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "review/claimservice.h"
#include "review/labelstore.h"
#include "review/queueagreementservice.h"
#include "review/queueprogress.h"
#include "review/savedqueuestore.h"
#include "snapshot/reviewpusher.h"
#include "snapshot/snapshotexporter.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());

StorePtr openSnapshot(const QString& file, Store::Access access)
{
    Store::OpenOptions options;
    options.access = access;
    auto s = Store::open(QStringLiteral("sqlite:") + file, options);
    if (!s.ok())
        qFatal("open: %s", qPrintable(s.error().message));
    return s.value();
}

LabelSet fallback()
{
    return LabelSet { { ReviewLabel { QStringLiteral("from-settings"), {}, QStringLiteral("#808080"), {} } },
        { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
            QStringLiteral("5") },
        false };
}

} // namespace

class TestSnapshotReviewSetup : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QList<QUuid> m_ids;
    SavedQueue m_queue;
    LabelSet m_labels;

    QString exportSnapshot(const QString& name, const std::optional<Filter>& window = std::nullopt)
    {
        const QString file = m_dir.filePath(name);
        const auto s = SnapshotExporter::exportTo(m_store, file, window);
        if (!s.ok())
            qFatal("export: %s", qPrintable(s.error().message));
        return file;
    }

private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        for (int i = 0; i < 4; ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("u");
            r.query = QStringLiteral("q%1").arg(i);
            r.answer = QStringLiteral("a");
            r.createdAt = T0.addSecs(3600 * i);
            m_ids << recordInteraction(m_store, r);
        }
        m_labels.labels = { ReviewLabel { QStringLiteral("hallucination"), QStringLiteral("made up"),
                                QStringLiteral("#cc0000"), QStringLiteral("h") },
            ReviewLabel { QStringLiteral("off-topic"), {}, QStringLiteral("#0000cc"), QStringLiteral("o") } };
        m_labels.ratingWording = { QStringLiteral("awful"), QStringLiteral("bad"), QStringLiteral("ok"),
            QStringLiteral("good"), QStringLiteral("great") };
        const Status saved = LabelStore(m_store).save(m_labels);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));

        SavedQueue q;
        q.name = QStringLiteral("double");
        q.goal = QStringLiteral("every answer, twice");
        q.query.kind = ReviewQueueQuery::Kind::All;
        q.reviewsPerItem = 2;
        q.blind = false;
        q.leaseSeconds = 600;
        q.createdBy = QStringLiteral("lead");
        const auto created = SavedQueueStore(m_store).create(q);
        QVERIFY(created.ok());
        m_queue = created.value();
        const ClaimService claims(m_store);
        QVERIFY(claims.save(m_queue, { m_ids[0], QStringLiteral("ann"), 1, {}, {}, {}, false, 30 }).ok());
        // a live lease in the store: it reserves the item here, not in the copy
        const auto claim = claims.claimNext(m_queue, QStringLiteral("ben"));
        QVERIFY(claim.ok() && claim->has_value());
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_review_leases")), 1);
    }

    void snapshotHasTheLabelsWordingAndQueuesButNoLeases()
    {
        const StorePtr snapshot
            = openSnapshot(exportSnapshot(QStringLiteral("whole.sqlite")), Store::Access::Read);
        const auto labels = LabelStore(snapshot).load(fallback());
        QVERIFY(labels.ok());
        QVERIFY(labels->fromStore);
        QCOMPARE(labels->labels, m_labels.labels);
        QCOMPARE(labels->ratingWording, m_labels.ratingWording);

        const auto queues = SavedQueueStore(snapshot).list();
        QVERIFY(queues.ok());
        QCOMPARE(queues->size(), 1);
        const SavedQueue& q = queues->first();
        QCOMPARE(q.id, m_queue.id);
        QCOMPARE(q.name, m_queue.name);
        QCOMPARE(q.goal, m_queue.goal);
        QCOMPARE(q.query, m_queue.query);
        QCOMPARE(q.reviewsPerItem, 2);
        QCOMPARE(q.blind, false);
        QCOMPARE(q.leaseSeconds, 600);
        QCOMPARE(q.createdBy, QStringLiteral("lead"));
        QCOMPARE(q.createdAt, SavedQueueStore(m_store).byName(q.name)->createdAt);
        QCOMPARE(countRows(*snapshot, QStringLiteral("ragscope_review_leases")), 0);

        const auto history = ReviewService(snapshot).history(m_ids[0]);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().queueId, m_queue.id); // the review keeps its queue
        const auto progress = QueueProgressReport::compute(snapshot, q, T0.addDays(1));
        QVERIFY(progress.ok());
        QCOMPARE(progress->started, 1);
        QCOMPARE(progress->reviewers.first().medianSeconds, std::optional<double>(30.0));
    }

    void aWindowedSnapshotCarriesTheSetupToo()
    {
        const Filter window { T0.addSecs(3600), T0.addSecs(3 * 3600), std::nullopt, std::nullopt };
        const StorePtr snapshot
            = openSnapshot(exportSnapshot(QStringLiteral("window.sqlite"), window), Store::Access::Read);
        QCOMPARE(countRows(*snapshot, QStringLiteral("chat_interactions")), 2);
        QCOMPARE(countRows(*snapshot, QStringLiteral("ragscope_review_labels")), 2);
        QCOMPARE(countRows(*snapshot, QStringLiteral("ragscope_review_scale")), 5);
        QCOMPARE(countRows(*snapshot, QStringLiteral("ragscope_review_queues")), 1);
    }

    void offlineQueueReviewsPushBackWithQueueAndKind()
    {
        const StorePtr offline
            = openSnapshot(exportSnapshot(QStringLiteral("offline.sqlite")), Store::Access::Write);
        const auto queue = SavedQueueStore(offline).byName(QStringLiteral("double"));
        QVERIFY(queue.ok());
        const ClaimService claims(offline);
        QVERIFY(claims.save(*queue, { m_ids[0], QStringLiteral("ben"), 5, {}, {}, {}, false, std::nullopt })
                    .ok());
        // cat claims the next item offline (the first is complete with ann's and ben's verdicts)
        const auto claim = claims.claimNext(*queue, QStringLiteral("cat"));
        QVERIFY(claim.ok() && claim->has_value());
        const QUuid item = (*claim)->interactionId;
        QVERIFY(item != m_ids[0]);
        QVERIFY(claims
                    .save(*queue,
                        { item, QStringLiteral("cat"), 4, QStringLiteral("off-topic"), {}, {}, false, 12 })
                    .ok());
        QVERIFY(QueueAgreementService(offline)
                    .adjudicate(*queue, m_ids[0], QStringLiteral("lead"), 2, {}, QStringLiteral("offline"))
                    .ok());

        const ReviewPusher pusher(offline, m_store);
        const auto pushed = pusher.push(false);
        QVERIFY2(pushed.ok(), qPrintable(pushed.ok() ? QString() : pushed.error().message));
        QCOMPARE(pushed->added.size(), 3); // ben's, cat's and the adjudication

        const auto itemHistory = ReviewService(m_store).history(item);
        QVERIFY(itemHistory.ok());
        QCOMPARE(itemHistory->size(), 1);
        QCOMPARE(itemHistory->first().reviewer, QStringLiteral("cat"));
        QCOMPARE(itemHistory->first().queueId, m_queue.id);
        QCOMPARE(itemHistory->first().label, QStringLiteral("off-topic"));
        QVERIFY(!itemHistory->first().adjudication);
        const auto firstHistory = ReviewService(m_store).history(m_ids[0]);
        QVERIFY(firstHistory.ok());
        QCOMPARE(firstHistory->size(), 3);
        for (const Review& r : *firstHistory) {
            QCOMPARE(r.queueId, m_queue.id);
            QCOMPARE(r.adjudication, r.reviewer == QLatin1String("lead")); // the kind came back
        }

        // The store's queue now counts the offline work: item 0 adjudicated, ben's item started.
        const auto progress = QueueProgressReport::compute(m_store, m_queue, T0.addDays(1));
        QVERIFY(progress.ok());
        QCOMPARE(progress->started, 2);
        const auto disagreements = QueueAgreementService(m_store).disagreements(m_queue);
        QVERIFY(disagreements.ok());
        QCOMPARE(disagreements->size(), 1);
        QVERIFY(disagreements->first().adjudication.has_value());
        QCOMPARE(disagreements->first().adjudication->rating, 2);

        const qint64 reviews = countRows(*m_store, QStringLiteral("ragscope_reviews"));
        const auto again = pusher.push(false);
        QVERIFY(again.ok());
        QCOMPARE(again->added.size(), 0);
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), reviews);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotReviewSetup)
#include "tst_snapshotreviewsetup.moc"
