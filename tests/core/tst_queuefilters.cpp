// A saved queue's filter beyond the Review page's controls: a rolling window evaluated when
// the queue is read (not frozen when it was saved), a confidence range and a reviewer label;
// on the real stores (SQLite and the throwaway PostgreSQL).
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "review/claimservice.h"
#include "review/queuefilterjson.h"
#include "review/queueitems.h"
#include "review/queueprogress.h"
#include "review/savedqueuestore.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());

QUuid addInteraction(const StorePtr& store, const QDateTime& at, std::optional<double> confidence)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("question at %1").arg(at.toString(Qt::ISODate));
    r.answer = QStringLiteral("answer");
    r.confidence = confidence;
    r.createdAt = at;
    return Test::recordInteraction(store, r);
}

SavedQueue saveQueue(const StorePtr& store, const QString& name, const ReviewQueueQuery& query)
{
    SavedQueue q;
    q.name = name;
    q.query = query;
    q.createdBy = QStringLiteral("lead");
    auto created = SavedQueueStore(store).create(q);
    if (!created.ok())
        qFatal("queue: %s", qPrintable(created.error().message));
    return created.value();
}

ReviewQueueQuery everything()
{
    ReviewQueueQuery query;
    query.kind = ReviewQueueQuery::Kind::All;
    return query;
}

QSet<QUuid> itemsOf(const StorePtr& store, const SavedQueue& queue, const QDateTime& now)
{
    const auto items = QueueItems(store, queue, now).all();
    if (!items.ok())
        qFatal("items: %s", qPrintable(items.error().message));
    return QSet<QUuid>(items->cbegin(), items->cend());
}

} // namespace

class TestQueueFilters : public QObject
{
    Q_OBJECT

private slots:
    void rollingWindowIsEvaluatedAtClaimTime();
    void rollingWindowStaysRelativeInTheStoredFilter();
    void confidenceRangeSelectsTheScoresInside();
    void labelSelectsItemsWithThatVerdictInForce();
    void filterJsonRoundTrips();
    void badFiltersAreRefusedAndNothingIsSaved_data();
    void badFiltersAreRefusedAndNothingIsSaved();
};

void TestQueueFilters::rollingWindowIsEvaluatedAtClaimTime()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid recent = addInteraction(store, T0.addDays(-1), 0.5);
    const QUuid older = addInteraction(store, T0.addDays(-10), 0.5);
    ReviewQueueQuery query = everything();
    query.lastDays = 7;
    const SavedQueue queue = saveQueue(store, QStringLiteral("last week"), query);

    // Claimed at T0 the window is T0-7d…: only the recent item.
    QDateTime now = T0;
    const ClaimService claims(store, [&now] { return now; });
    auto claim = claims.claimNext(queue, QStringLiteral("ann"));
    QVERIFY(claim.ok());
    QVERIFY(claim->has_value());
    QCOMPARE((*claim)->interactionId, recent);
    QVERIFY(claims.skip(queue, recent, QStringLiteral("ann")).ok());
    claim = claims.claimNext(queue, QStringLiteral("ann"));
    QVERIFY(claim.ok());
    QVERIFY(!claim->has_value()); // the older item is outside T0's window

    // Claimed nine days earlier the window moves with the clock: the older item is in it (and
    // the recent one, not yet made then, is not).
    now = T0.addDays(-9);
    claim = claims.claimNext(queue, QStringLiteral("bob"));
    QVERIFY(claim.ok());
    QVERIFY(claim->has_value());
    QCOMPARE((*claim)->interactionId, older);

    // A month later nothing is left in the window; progress counts by the same clock.
    QVERIFY(itemsOf(store, queue, T0.addDays(30)).isEmpty());
    QCOMPARE(itemsOf(store, queue, T0.addDays(-9)), QSet<QUuid> { older });
    QCOMPARE(QueueProgressReport::compute(store, queue, T0)->total, qint64(1));
    QCOMPARE(QueueProgressReport::compute(store, queue, T0.addDays(30))->total, qint64(0));
}

void TestQueueFilters::rollingWindowStaysRelativeInTheStoredFilter()
{
    TestDatabase db;
    const StorePtr store = db.open();
    ReviewQueueQuery query = everything();
    query.lastDays = 7;
    saveQueue(store, QStringLiteral("rolling"), query);
    const auto stored = SavedQueueStore(store).byName(QStringLiteral("rolling"));
    QVERIFY(stored.ok());
    QCOMPARE(stored->query.lastDays, std::optional<int>(7));
    QVERIFY(!stored->query.filter.from.isValid()); // not frozen at save time
    QVERIFY(!stored->query.filter.to.isValid());
    auto result = store->exec(QStringLiteral("SELECT filter_json FROM ragscope_review_queues"));
    QVERIFY(result.ok());
    QSqlQuery raw = std::move(result).value();
    QVERIFY(raw.next());
    const QString json = raw.value(0).toString();
    QVERIFY2(json.contains(QLatin1String("\"last_days\":7")), qPrintable(json));
    QVERIFY2(!json.contains(QLatin1String("\"from\"")), qPrintable(json));
}

void TestQueueFilters::confidenceRangeSelectsTheScoresInside()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QHash<QString, QUuid> ids;
    int minute = 0;
    for (const auto& [name, score] :
        { std::pair { "0.10", std::optional<double>(0.1) }, std::pair { "0.30", std::optional<double>(0.3) },
            std::pair { "0.45", std::optional<double>(0.45) },
            std::pair { "0.50", std::optional<double>(0.5) },
            std::pair { "0.90", std::optional<double>(0.9) }, std::pair { "none", std::optional<double>() } })
        ids.insert(QLatin1String(name), addInteraction(store, T0.addSecs(-60 * ++minute), score));

    ReviewQueueQuery query = everything();
    query.minConfidence = 0.3;
    query.maxConfidence = 0.5;
    const SavedQueue between = saveQueue(store, QStringLiteral("between"), query);
    QCOMPARE(itemsOf(store, between, T0),
        (QSet<QUuid> {
            ids[QStringLiteral("0.30")], ids[QStringLiteral("0.45")], ids[QStringLiteral("0.50")] }));

    query = everything();
    query.minConfidence = 0.5; // open above
    const SavedQueue above = saveQueue(store, QStringLiteral("above"), query);
    QCOMPARE(itemsOf(store, above, T0),
        (QSet<QUuid> { ids[QStringLiteral("0.50")], ids[QStringLiteral("0.90")] }));

    query = everything();
    query.maxConfidence = 0.2; // open below; unscored answers are not "below"
    const SavedQueue below = saveQueue(store, QStringLiteral("below"), query);
    QCOMPARE(itemsOf(store, below, T0), (QSet<QUuid> { ids[QStringLiteral("0.10")] }));
}

void TestQueueFilters::labelSelectsItemsWithThatVerdictInForce()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid labelled = addInteraction(store, T0.addSecs(-60), 0.5);
    const QUuid other = addInteraction(store, T0.addSecs(-120), 0.5);
    const QUuid undone = addInteraction(store, T0.addSecs(-180), 0.5);
    addInteraction(store, T0.addSecs(-240), 0.5); // never reviewed
    const ReviewService reviews(store);
    QVERIFY(reviews.save(labelled, QStringLiteral("ann"), 2, QStringLiteral("hallucination"), {}).ok());
    QVERIFY(reviews.save(other, QStringLiteral("ann"), 2, QStringLiteral("outdated"), {}).ok());
    QVERIFY(reviews.save(undone, QStringLiteral("bob"), 1, QStringLiteral("hallucination"), {}).ok());
    QVERIFY(reviews.undoLast(undone, QStringLiteral("bob")).ok()); // no longer in force

    ReviewQueueQuery query = everything();
    query.label = QStringLiteral("hallucination");
    const SavedQueue queue = saveQueue(store, QStringLiteral("hallucinations"), query);
    QCOMPARE(itemsOf(store, queue, T0), QSet<QUuid> { labelled });
    // The same filter on the Review page's list.
    const auto page = ReviewQueue(store).fetch(query, 50);
    QVERIFY(page.ok());
    QCOMPARE(page->rows.size(), 1);
    QCOMPARE(page->rows.first().id, labelled);
}

void TestQueueFilters::filterJsonRoundTrips()
{
    ReviewQueueQuery query = everything();
    query.minConfidence = 0.25;
    query.maxConfidence = 0.75;
    query.label = QStringLiteral("off-topic");
    query.lastDays = 30;
    query.search = QStringLiteral("refund");
    const auto back = QueueFilterJson::fromJson(QueueFilterJson::toJson(query));
    QVERIFY(back.ok());
    QCOMPARE(back.value(), query);
}

void TestQueueFilters::badFiltersAreRefusedAndNothingIsSaved_data()
{
    QTest::addColumn<std::optional<double>>("minimum");
    QTest::addColumn<std::optional<double>>("maximum");
    QTest::addColumn<std::optional<int>>("lastDays");
    QTest::addColumn<QString>("message");
    QTest::newRow("min above max") << std::optional<double>(0.8) << std::optional<double>(0.2)
                                   << std::optional<int>() << "above confidence_max";
    QTest::newRow("max above 1") << std::optional<double>() << std::optional<double>(1.5)
                                 << std::optional<int>() << "from 0 to 1";
    QTest::newRow("negative min") << std::optional<double>(-0.1) << std::optional<double>()
                                  << std::optional<int>() << "from 0 to 1";
    QTest::newRow("zero days") << std::optional<double>() << std::optional<double>() << std::optional<int>(0)
                               << "last_days";
}

void TestQueueFilters::badFiltersAreRefusedAndNothingIsSaved()
{
    QFETCH(std::optional<double>, minimum);
    QFETCH(std::optional<double>, maximum);
    QFETCH(std::optional<int>, lastDays);
    QFETCH(QString, message);
    TestDatabase db;
    const StorePtr store = db.open();
    SavedQueue q;
    q.name = QStringLiteral("bad");
    q.query = everything();
    q.query.minConfidence = minimum;
    q.query.maxConfidence = maximum;
    q.query.lastDays = lastDays;
    const auto created = SavedQueueStore(store).create(q);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(created.error().message.contains(message), qPrintable(created.error().message));
    QCOMPARE(Test::countRows(*store, QStringLiteral("ragscope_review_queues")), qint64(0));
    // The Review page's list refuses the same filter with one clear error.
    const auto page = ReviewQueue(store).fetch(q.query, 10);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, ErrorKind::InvalidInput);
}

QTEST_GUILESS_MAIN(TestQueueFilters)
#include "tst_queuefilters.moc"
