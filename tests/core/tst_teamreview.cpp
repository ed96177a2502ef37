#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "metrics/metricscollector.h"
#include "review/claimservice.h"
#include "review/labelstore.h"
#include "review/queueitems.h"
#include "review/queueprogress.h"
#include "review/queuesample.h"
#include "review/revieweridentity.h"
#include "review/savedqueuestore.h"
#include "store/migrationrunner.h"
#include "testdatabase.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <QSemaphore>

using namespace RagScope;
using RagScope::Test::countRows;
using RagScope::Test::TestDatabase;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc()); // a Monday

QList<QUuid> addInteractions(const StorePtr& store, int n)
{
    QList<QUuid> ids;
    for (int i = 0; i < n; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("alice");
        r.query = QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("answer %1").arg(i);
        r.confidence = 0.3;
        r.createdAt = T0.addSecs(-60 * (i + 1)); // newest first: ids[0] heads the queue
        ids << Test::recordInteraction(store, r);
    }
    return ids;
}

SavedQueue makeQueue(
    const StorePtr& store, const QString& name, int k, bool blind = true, int leaseSeconds = 600)
{
    SavedQueue q;
    q.name = name;
    q.goal = QStringLiteral("every answer");
    q.query.kind = ReviewQueueQuery::Kind::All;
    q.reviewsPerItem = k;
    q.blind = blind;
    q.leaseSeconds = leaseSeconds;
    q.createdBy = QStringLiteral("lead");
    auto created = SavedQueueStore(store).create(q);
    if (!created.ok())
        qFatal("queue: %s", qPrintable(created.error().message));
    return created.value();
}

QUuid claimed(const ClaimService& claims, const SavedQueue& queue, const QString& reviewer)
{
    auto c = claims.claimNext(queue, reviewer);
    if (!c.ok())
        qFatal("claim: %s", qPrintable(c.error().message));
    return c.value() ? c.value()->interactionId : QUuid();
}

ReviewInput verdict(const QUuid& item, const QString& reviewer, int rating, const QString& label = {})
{
    return ReviewInput { item, reviewer, rating, label, {}, {}, false, std::nullopt };
}

LabelSet fallbackLabels()
{
    return LabelSet { { ReviewLabel { QStringLiteral("wrong"), {}, QStringLiteral("#ff0000"), {} } },
        { QStringLiteral("bad"), QStringLiteral("poor"), QStringLiteral("fair"), QStringLiteral("good"),
            QStringLiteral("great") },
        false };
}

} // namespace

class TestTeamReview : public QObject
{
    Q_OBJECT

private slots:
    void labelsFallBackUntilTheTeamSavesThem();
    void labelsRefuseBadEntriesAndWriteNothing_data();
    void labelsRefuseBadEntriesAndWriteNothing();
    void labelsFallBackOnAStoreWithoutTheTables();
    void reviewerIsTheProfileNameElseTheRoleOrOsUser();
    void queueKeepsItsFilterAndRefusesDuplicates();
    void sampleIsReproducibleAndASubset();
    void eachItemGoesToOneReviewerWhenKIsOne();
    void saveReleasesTheLeaseAndNextMovesOn();
    void expiredLeaseIsReleased();
    void skipHidesTheItemFromTheSkipperOnly();
    void kReviewersShareAnItemAndBlindHidesVerdicts();
    void openQueueShowsOthersVerdicts();
    void undoWithinAMinuteRestoresThePreviousVerdict();
    void progressCountsPerQueueAndReviewer();
    void eightConcurrentClaimersNeverExceedK();
};

void TestTeamReview::labelsFallBackUntilTheTeamSavesThem()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const LabelStore labels(store);
    auto loaded = labels.load(fallbackLabels());
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.value().fromStore);
    QCOMPARE(loaded.value().labels, fallbackLabels().labels);

    LabelSet team = fallbackLabels();
    team.labels = { ReviewLabel { QStringLiteral("hallucination"), QStringLiteral("made up facts"),
                        QStringLiteral("#aa00ff"), QStringLiteral("h") },
        ReviewLabel { QStringLiteral("off-topic"), {}, QStringLiteral("#00aa00"), {} } };
    team.ratingWording[4] = QStringLiteral("perfect");
    QVERIFY(labels.save(team).ok());

    Store::OpenOptions readOnly;
    const auto reader = Store::open(db.url(), readOnly);
    QVERIFY(reader.ok());
    loaded = LabelStore(reader.value()).load(fallbackLabels());
    QVERIFY(loaded.ok());
    QVERIFY(loaded.value().fromStore);
    QCOMPARE(loaded.value().labels, team.labels);
    QCOMPARE(loaded.value().ratingWording, team.ratingWording);
    // a read-only store refuses to save
    QCOMPARE(LabelStore(reader.value()).save(team).error().kind, ErrorKind::PermissionDenied);
}

void TestTeamReview::labelsRefuseBadEntriesAndWriteNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("colour") << "x"
                            << "red"
                            << ""
                            << "must look like #RRGGBB";
    QTest::newRow("reserved key") << "x"
                                  << "#000000"
                                  << "j"
                                  << "Review page's own keys";
    QTest::newRow("next item key") << "x"
                                   << "#000000"
                                   << "n"
                                   << "Review page's own keys";
    QTest::newRow("rating key") << "x"
                                << "#000000"
                                << "3"
                                << "Review page's own keys";
    QTest::newRow("two characters") << "x"
                                    << "#000000"
                                    << "ab"
                                    << "one character";
    QTest::newRow("empty name") << " "
                                << "#000000"
                                << ""
                                << "needs a name";
    QTest::newRow("duplicate key") << "x"
                                   << "#000000"
                                   << "W"
                                   << "given twice";
}

void TestTeamReview::labelsRefuseBadEntriesAndWriteNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, colour);
    QFETCH(QString, key);
    QFETCH(QString, message);
    TestDatabase db;
    const StorePtr store = db.open();
    LabelSet set = fallbackLabels();
    set.labels.first().shortcutKey = QStringLiteral("w");
    set.labels << ReviewLabel { name, {}, colour, key };
    const Status saved = LabelStore(store).save(set);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(saved.error().message.contains(message), qPrintable(saved.error().message));
    QCOMPARE(countRows(*store, QStringLiteral("ragscope_review_labels")), qint64(0));
}

void TestTeamReview::labelsFallBackOnAStoreWithoutTheTables()
{
    TestDatabase db;
    {
        const StorePtr store = db.open();
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 11);
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 10);
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 9);
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 8);
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 7);
        QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 6);
    }
    Store::OpenOptions readOnly;
    const auto older = Store::open(db.url(), readOnly);
    QVERIFY(older.ok());
    const auto loaded = LabelStore(older.value()).load(fallbackLabels());
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.value().fromStore);
    QCOMPARE(loaded.value().labels, fallbackLabels().labels);
}

void TestTeamReview::reviewerIsTheProfileNameElseTheRoleOrOsUser()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QCOMPARE(ReviewerIdentity::resolve(*store, QStringLiteral("  dana ")).value(), QStringLiteral("dana"));
    QCOMPARE(ReviewerIdentity::resolve(*store, QString(300, QLatin1Char('x'))).error().kind,
        ErrorKind::InvalidInput);
    if (db.dialect() == Dialect::Postgres) {
        auto role = store->exec(QStringLiteral("SELECT CAST(session_user AS text)"));
        QVERIFY(role.ok() && role.value().next());
        QCOMPARE(ReviewerIdentity::resolve(*store).value(), role.value().value(0).toString());
    } else {
        qputenv("USER", "osreviewer");
        QCOMPARE(ReviewerIdentity::resolve(*store).value(), QStringLiteral("osreviewer"));
    }
}

void TestTeamReview::queueKeepsItsFilterAndRefusesDuplicates()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const SavedQueueStore queues(store);
    SavedQueue q;
    q.name = QStringLiteral("low rated, last week");
    q.goal = QStringLiteral("every low-rated answer of the last 7 days");
    q.query.kind = ReviewQueueQuery::Kind::LowRated;
    q.query.filter.from = T0.addDays(-7);
    q.query.filter.to = T0;
    q.query.filter.model = QStringLiteral("gemini-1.5-pro");
    q.query.search = QStringLiteral("refund");
    q.query.userRating = 1;
    q.query.sort = ReviewQueueQuery::SortKey::Confidence;
    q.query.descending = false;
    q.sampleBasisPoints = 200;
    q.sampleSeed = QStringLiteral("2026-11");
    q.reviewsPerItem = 3;
    q.createdBy = QStringLiteral("lead");
    QVERIFY(queues.create(q).ok());
    const auto read = queues.byName(q.name);
    QVERIFY(read.ok());
    QCOMPARE(read.value().query, q.query);
    QCOMPARE(read.value().sampleBasisPoints, std::optional<int>(200));
    QCOMPARE(read.value().sampleSeed, q.sampleSeed);
    QCOMPARE(read.value().reviewsPerItem, 3);
    QCOMPARE(read.value().goal, q.goal);

    QVERIFY(queues.create(q).error().message.contains(QStringLiteral("exists already")));
    q.name = QStringLiteral("other");
    q.reviewsPerItem = 11;
    QCOMPARE(queues.create(q).error().kind, ErrorKind::InvalidInput);
    QCOMPARE(queues.byName(QStringLiteral("nope")).error().kind, ErrorKind::NotFound);
    QCOMPARE(queues.list().value().size(), 1);
}

void TestTeamReview::sampleIsReproducibleAndASubset()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 60);
    SavedQueue q = makeQueue(store, QStringLiteral("sample"), 1);
    q.sampleBasisPoints = 5000;
    q.sampleSeed = QStringLiteral("seed-1");
    const QList<QUuid> first = QueueItems(store, q).all().value();
    QCOMPARE(QueueItems(store, q).all().value(), first);
    QList<QUuid> expected;
    for (const QUuid& id : ids) {
        if (QueueSample::contains(q.sampleSeed, 5000, id))
            expected << id;
    }
    QCOMPARE(first, expected);
    QVERIFY(first.size() > 10 && first.size() < 50); // about half of 60
    q.sampleSeed = QStringLiteral("seed-2");
    QVERIFY(QueueItems(store, q).all().value() != first);
}

void TestTeamReview::eachItemGoesToOneReviewerWhenKIsOne()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 3);
    const SavedQueue q = makeQueue(store, QStringLiteral("q"), 1);
    const ClaimService claims(store);
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), ids[1]);
    QCOMPARE(claimed(claims, q, QStringLiteral("c")), ids[2]);
    QCOMPARE(claimed(claims, q, QStringLiteral("d")), QUuid());
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]); // the same lease, renewed
    QCOMPARE(claims.holders(q, ids[0]).value(), QStringList { QStringLiteral("a") });
}

void TestTeamReview::saveReleasesTheLeaseAndNextMovesOn()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 2);
    const SavedQueue q = makeQueue(store, QStringLiteral("q"), 1);
    const ClaimService claims(store);
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]);
    auto saved = claims.save(q, verdict(ids[0], QStringLiteral("a"), 2));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(saved.value().queueId, q.id);
    QVERIFY(claims.holders(q, ids[0]).value().isEmpty());
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[1]);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), QUuid()); // ids[0] done, ids[1] held
}

void TestTeamReview::expiredLeaseIsReleased()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 1);
    const SavedQueue q = makeQueue(store, QStringLiteral("q"), 1, true, 60);
    QDateTime clock = T0;
    const ClaimService claims(store, [&clock] { return clock; });
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]);
    clock = T0.addSecs(59);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), QUuid());
    clock = T0.addSecs(60);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), ids[0]);
    QCOMPARE(claims.holders(q, ids[0]).value(), QStringList { QStringLiteral("b") });
}

void TestTeamReview::skipHidesTheItemFromTheSkipperOnly()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 2);
    const SavedQueue q = makeQueue(store, QStringLiteral("q"), 1);
    const ClaimService claims(store);
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]);
    QVERIFY(claims.skip(q, ids[0], QStringLiteral("a")).ok());
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[1]);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), ids[0]);
}

void TestTeamReview::kReviewersShareAnItemAndBlindHidesVerdicts()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 1);
    const SavedQueue q = makeQueue(store, QStringLiteral("double"), 2);
    const ClaimService claims(store);
    QCOMPARE(claimed(claims, q, QStringLiteral("a")), ids[0]);
    QCOMPARE(claimed(claims, q, QStringLiteral("b")), ids[0]);
    QCOMPARE(claimed(claims, q, QStringLiteral("c")), QUuid());
    QVERIFY(claims.save(q, verdict(ids[0], QStringLiteral("a"), 1, QStringLiteral("wrong"))).ok());
    QVERIFY(claims.visibleReviews(q, ids[0], QStringLiteral("b")).value().isEmpty());
    QCOMPARE(claims.visibleReviews(q, ids[0], QStringLiteral("a")).value().size(), 1);
    QCOMPARE(claimed(claims, q, QStringLiteral("c")), QUuid()); // a saved, b holds: k reached
    QVERIFY(claims.save(q, verdict(ids[0], QStringLiteral("b"), 4)).ok());
    QCOMPARE(claims.visibleReviews(q, ids[0], QStringLiteral("b")).value().size(), 2);
    QCOMPARE(claimed(claims, q, QStringLiteral("c")), QUuid());
}

void TestTeamReview::openQueueShowsOthersVerdicts()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 1);
    const SavedQueue q = makeQueue(store, QStringLiteral("open"), 2, false);
    const ClaimService claims(store);
    QVERIFY(claims.save(q, verdict(ids[0], QStringLiteral("a"), 1)).ok());
    QCOMPARE(claims.visibleReviews(q, ids[0], QStringLiteral("b")).value().size(), 1);
}

void TestTeamReview::undoWithinAMinuteRestoresThePreviousVerdict()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 1);
    const ReviewService reviews(store);
    const QString a = QStringLiteral("a");
    QVERIFY(reviews.save(ids[0], a, 3, {}, {}).ok());
    QVERIFY(reviews.save(ids[0], a, 5, {}, {}).ok());
    const auto undo = reviews.undoLast(ids[0], a);
    QVERIFY2(undo.ok(), qPrintable(undo.ok() ? QString() : undo.error().message));
    QCOMPARE(reviews.latestPerReviewer(ids[0]).value().first().rating, 3);
    QCOMPARE(reviews.history(ids[0]).value().size(), 3); // the undo is a row of its own
    QVERIFY(reviews.undoLast(ids[0], a).ok()); // and the 3 goes too
    QVERIFY(reviews.latestPerReviewer(ids[0]).value().isEmpty());
    // the Quality page's review figures count no undone verdict either
    const Filter all { T0.addDays(-1), T0.addDays(1), {}, {} };
    QCOMPARE(MetricsCollector(store).reviewSummary(all).value().reviewed, 0);
    QCOMPARE(reviews.undoLast(ids[0], a).error().kind, ErrorKind::NotFound);
    QCOMPARE(reviews.undoLast(ids[0], QStringLiteral("b")).error().kind, ErrorKind::NotFound);
    // an old save is past the minute
    QVERIFY(reviews.save(ids[0], a, 2, {}, {}).ok());
    QCOMPARE(reviews.undoLast(ids[0], a, -1).error().kind, ErrorKind::NotFound);
}

void TestTeamReview::progressCountsPerQueueAndReviewer()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = addInteractions(store, 4);
    const SavedQueue q = makeQueue(store, QStringLiteral("q"), 2);
    const ClaimService claims(store);
    const auto save = [&](int item, const QString& who, int seconds) {
        ReviewInput in = verdict(ids[item], who, 3);
        in.secondsSpent = seconds;
        QVERIFY(claims.save(q, in).ok());
    };
    save(0, QStringLiteral("a"), 10);
    save(0, QStringLiteral("b"), 30);
    save(1, QStringLiteral("a"), 20);
    save(2, QStringLiteral("a"), 40);
    // a review outside the queue does not count
    QVERIFY(ReviewService(store).save(ids[3], QStringLiteral("b"), 1, {}, {}).ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto progress = QueueProgressReport::compute(store, q, now);
    QVERIFY(progress.ok());
    QCOMPARE(progress.value().total, 4);
    QCOMPARE(progress.value().started, 3);
    QCOMPARE(progress.value().complete, 1);
    QCOMPARE(progress.value().reviewers.size(), 2);
    const ReviewerProgress& a = progress.value().reviewers[0];
    QCOMPARE(a.reviewer, QStringLiteral("a"));
    QCOMPARE(a.reviewed, 3);
    QCOMPARE(a.today, 3);
    QCOMPARE(a.thisWeek, 3);
    QCOMPARE(a.medianSeconds, std::optional<double>(20.0));
    QCOMPARE(progress.value().reviewers[1].medianSeconds, std::optional<double>(30.0));
    // tomorrow nothing is "today"
    QCOMPARE(QueueProgressReport::compute(store, q, now.addDays(1)).value().reviewers[0].today, 0);
}

// 8 reviewers, each on its own thread with its own connection, start claiming at the same
// moment and save whatever they get until the queue has nothing left for them. A claim that
// went to more than k reviewers would leave more than k verdicts on an item.
void TestTeamReview::eightConcurrentClaimersNeverExceedK()
{
    TestDatabase db;
    const StorePtr setup = db.open();
    const QList<QUuid> ids = addInteractions(setup, 12);
    const int k = 2;
    const SavedQueue q = makeQueue(setup, QStringLiteral("race"), k);
    constexpr int Reviewers = 8;
    QThreadPool pool;
    pool.setMaxThreadCount(Reviewers);
    QSemaphore ready, go;
    QList<QFuture<QString>> runs;
    for (int r = 0; r < Reviewers; ++r) {
        runs << QtConcurrent::run(&pool, [&, r]() -> QString {
            Store::OpenOptions options;
            options.access = Store::Access::Write;
            const auto store = Store::open(db.url(), options);
            if (!store.ok())
                return store.error().message;
            const ClaimService claims(store.value());
            const QString me = QStringLiteral("reviewer-%1").arg(r);
            ready.release();
            go.acquire();
            for (;;) {
                const auto claim = claims.claimNext(q, me);
                if (!claim.ok())
                    return claim.error().message;
                if (!claim.value())
                    return {};
                const auto saved = claims.save(q, verdict(claim.value()->interactionId, me, 1 + r % 5));
                if (!saved.ok())
                    return saved.error().message;
            }
        });
    }
    ready.acquire(Reviewers);
    go.release(Reviewers);
    for (QFuture<QString>& run : runs)
        QCOMPARE(run.result(), QString());

    // Who reviewed what, printed for reading a failure.
    auto rows = setup->exec(QStringLiteral("SELECT interaction_id, reviewer, kind FROM ragscope_reviews"
                                           " ORDER BY interaction_id, created_at"));
    QVERIFY(rows.ok());
    QStringList seen;
    while (rows.value().next())
        seen << rows.value().value(0).toString().left(8) + QLatin1Char(' ')
                + rows.value().value(1).toString();
    qInfo("%s", qPrintable(seen.join(QLatin1String(", "))));
    auto perItem = setup->exec(QStringLiteral("SELECT interaction_id, COUNT(*), COUNT(DISTINCT reviewer)"
                                              " FROM ragscope_reviews GROUP BY interaction_id"));
    QVERIFY(perItem.ok());
    int items = 0;
    while (perItem.value().next()) {
        ++items;
        QCOMPARE(perItem.value().value(1).toInt(), k);
        QCOMPARE(perItem.value().value(2).toInt(), k);
    }
    QCOMPARE(items, ids.size());
    QCOMPARE(countRows(*setup, QStringLiteral("ragscope_review_leases")), qint64(0));
}

QTEST_GUILESS_MAIN(TestTeamReview)
#include "tst_teamreview.moc"
