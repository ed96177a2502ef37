#include "feedback/reviewqueue.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"

#include <QtTest>

#include <algorithm>

using namespace RagScope;
using RagScope::Test::FixtureWriter;
using RagScope::Test::TestDatabase;
using Kind = ReviewQueueQuery::Kind;
using SortKey = ReviewQueueQuery::SortKey;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), QTimeZone::utc());

struct Row
{
    Row(int secs, std::optional<double> score, std::optional<double> latencyMs, std::optional<qint64> cost,
        std::optional<int> userRating, QString userId = QStringLiteral("alice"))
        : seconds(secs)
        , confidence(score)
        , latency(latencyMs)
        , costUnits(cost)
        , rating(userRating)
        , user(std::move(userId))
    { }
    int seconds = 0;
    std::optional<double> confidence;
    std::optional<double> latency;
    std::optional<qint64> costUnits;
    std::optional<int> rating;
    QString user;
    QString query = QStringLiteral("question");
    QString answer = QStringLiteral("answer");
    QUuid id;
};

// Eleven rows in the "either" queue (rating <= 2 or confidence < 0.6), three outside it. Ties on
// created_at and on every sort value, NULLs, and doubles without a short decimal form.
QList<Row> queueRows()
{
    const std::optional<double> none;
    const std::optional<qint64> noCost;
    const std::optional<int> noRating;
    return {
        { 0, 0.1, 100.0, 500, 1 },
        { 0, 1.0 / 3, 250.5, 500, noRating },
        { 0, 1.0 / 3, none, noCost, 2 },
        { 1, 0.1 + 0.2, 100.0, 1200, 2, QStringLiteral("bob") },
        { 2, none, 250.5, 1, 1 },
        { 2, 0.95, 999.25, 1200, 1, QStringLiteral("bob") },
        { 3, 0.59, 100.0, noCost, 5 },
        { 3, 0.05, 0.0, 0, noRating },
        { 4, 0.2, 42.0, 77, 3 },
        { 5, none, none, noCost, 2 },
        { 5, 0.55, 42.0, 77, 4 },
        { 6, 0.6, 10.0, 10, 3 },
        { 7, 0.9, 10.0, 10, noRating },
        { 8, none, 10.0, 10, 5 },
    };
}

QUuid record(const StorePtr& store, const Row& row)
{
    InteractionRecord r;
    r.userId = row.user;
    r.query = row.query;
    r.answer = row.answer;
    r.confidence = row.confidence;
    r.totalLatencyMs = row.latency;
    if (row.costUnits)
        r.cost = Money::fromUnits(*row.costUnits);
    r.createdAt = T0.addSecs(row.seconds);
    return Test::recordInteraction(store, r);
}

QList<Row> seed(const StorePtr& store, QList<Row> rows)
{
    const FixtureWriter writer(store);
    for (Row& row : rows) {
        row.id = record(store, row);
        if (row.rating)
            writer.addFeedback(row.id, *row.rating, T0.addDays(1));
    }
    return rows;
}

bool inKind(const Row& r, Kind kind)
{
    const bool lowRated = r.rating && *r.rating <= 2;
    const bool lowConfidence = r.confidence && *r.confidence < 0.6;
    if (kind == Kind::All)
        return true;
    return kind == Kind::LowRated     ? lowRated
        : kind == Kind::LowConfidence ? lowConfidence
                                      : lowRated || lowConfidence;
}

std::optional<double> sortValue(const Row& r, SortKey key)
{
    switch (key) {
    case SortKey::CreatedAt:
        return 0.0;
    case SortKey::Confidence:
        return r.confidence;
    case SortKey::Latency:
        return r.latency;
    case SortKey::UserRating:
        return r.rating ? std::optional<double>(*r.rating) : std::nullopt;
    case SortKey::Cost:
        return r.costUnits ? std::optional<double>(double(*r.costUnits)) : std::nullopt;
    }
    return std::nullopt;
}

// The order the queue promises: sort value (NULLs last either way), then created_at, then id.
QList<QUuid> expectedOrder(QList<Row> rows, Kind kind, SortKey key, bool descending)
{
    rows.removeIf([kind](const Row& r) { return !inKind(r, kind); });
    std::stable_sort(rows.begin(), rows.end(), [key, descending](const Row& a, const Row& b) {
        const auto va = sortValue(a, key), vb = sortValue(b, key);
        if (va.has_value() != vb.has_value())
            return va.has_value();
        if (va && *va != *vb)
            return descending ? *va > *vb : *va < *vb;
        if (a.seconds != b.seconds)
            return descending ? a.seconds > b.seconds : a.seconds < b.seconds;
        const QString ia = a.id.toString(QUuid::WithoutBraces), ib = b.id.toString(QUuid::WithoutBraces);
        return descending ? ia > ib : ia < ib;
    });
    QList<QUuid> ids;
    for (const Row& r : std::as_const(rows))
        ids << r.id;
    return ids;
}

QList<QUuid> fetchAll(const ReviewQueue& queue, const ReviewQueueQuery& query, int pageSize)
{
    return Test::collectPageIds(
        [&](int limit, const QString& cursor) { return queue.fetch(query, limit, cursor); }, pageSize);
}

} // namespace

class TestReviewQueue : public QObject
{
    Q_OBJECT

private slots:
    void listsEachKind_data();
    void listsEachKind();
    void everySortPagesLikeTheUnpagedOrder_data();
    void everySortPagesLikeTheUnpagedOrder();
    void everySortReadsASliceAgainBetweenItsEnds_data() { everySortPagesLikeTheUnpagedOrder_data(); }
    void everySortReadsASliceAgainBetweenItsEnds();
    void narrowsToFilterWindowUserAndModel();
    void searchIsCaseInsensitiveAndLiteral_data();
    void searchIsCaseInsensitiveAndLiteral();
    void unreviewedOnlyHidesReviewedInteractions();
    void drillsDownByUserRatingAndConfidenceBucket();
    void windowOnFeedbackListsWhatTheRatingsCount();
    void summaryCarriesPreviewsRatingsAndNewestReview();
    void refusesBadArguments();
    void worksOnStoreWithoutReviewsTable();
    void detailHasEverythingAboutOneInteraction();
};

void TestReviewQueue::listsEachKind_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("size");
    QTest::newRow("low rated") << Kind::LowRated << 6;
    QTest::newRow("low confidence") << Kind::LowConfidence << 8;
    QTest::newRow("either") << Kind::Either << 11;
}

void TestReviewQueue::listsEachKind()
{
    QFETCH(Kind, kind);
    QFETCH(int, size);
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<Row> rows = seed(store, queueRows());
    ReviewQueueQuery query;
    query.kind = kind;
    const QList<QUuid> expected = expectedOrder(rows, kind, SortKey::CreatedAt, true);
    QCOMPARE(expected.size(), size);
    QCOMPARE(fetchAll(ReviewQueue(store), query, 100), expected);
}

void TestReviewQueue::everySortPagesLikeTheUnpagedOrder_data()
{
    QTest::addColumn<SortKey>("key");
    QTest::addColumn<bool>("descending");
    const std::pair<SortKey, const char*> keys[]
        = { { SortKey::CreatedAt, "created" }, { SortKey::Confidence, "confidence" },
              { SortKey::UserRating, "rating" }, { SortKey::Latency, "latency" }, { SortKey::Cost, "cost" } };
    for (const auto& [key, name] : keys) {
        QTest::addRow("%s desc", name) << key << true;
        QTest::addRow("%s asc", name) << key << false;
    }
}

void TestReviewQueue::everySortPagesLikeTheUnpagedOrder()
{
    QFETCH(SortKey, key);
    QFETCH(bool, descending);
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<Row> rows = seed(store, queueRows());
    ReviewQueueQuery query;
    query.sort = key;
    query.descending = descending;
    const ReviewQueue queue(store);
    const QList<QUuid> unpaged = fetchAll(queue, query, 1000);
    QCOMPARE(unpaged, expectedOrder(rows, Kind::Either, key, descending));
    QCOMPARE(fetchAll(queue, query, 3), unpaged);
    QCOMPARE(fetchAll(queue, query, 1), unpaged);
}

void TestReviewQueue::everySortReadsASliceAgainBetweenItsEnds()
{
    QFETCH(SortKey, key);
    QFETCH(bool, descending);
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<Row> rows = seed(store, queueRows());
    ReviewQueueQuery query;
    query.sort = key;
    query.descending = descending;
    const ReviewQueue queue(store);
    const auto ids = [](const QList<InteractionSummary>& summaries) {
        QList<QUuid> result;
        for (const InteractionSummary& s : summaries)
            result << s.id;
        return result;
    };
    QList<QueueSlice> slices;
    QList<QUuid> sliced;
    QString after;
    do {
        const auto slice = queue.fetchSlice(query, 3, after);
        QVERIFY2(slice.ok(), qPrintable(slice.ok() ? QString() : slice.error().message));
        slices << *slice;
        sliced += ids(slice->rows);
        after = slice->last;
        if (slice->atEnd)
            break;
    } while (true);
    QCOMPARE(sliced, expectedOrder(rows, Kind::Either, key, descending));

    // Each slice read again between its own first and last rows (ties, NULL sentinels and
    // all): the same rows, though the limit leaves room for its neighbours.
    for (const QueueSlice& slice : std::as_const(slices)) {
        if (slice.rows.isEmpty())
            continue;
        const auto again = queue.fetchBetween(query, slice.first, slice.last, 100);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(ids(again->rows), ids(slice.rows));
        QCOMPARE(again->first, slice.first);
        QCOMPARE(again->last, slice.last);
    }
    QVERIFY(!queue.fetchBetween(query, QString(), slices.first().last, 10).ok());
}

void TestReviewQueue::narrowsToFilterWindowUserAndModel()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<Row> rows = seed(store, queueRows());
    const ReviewQueue queue(store);
    ReviewQueueQuery query;
    query.filter.from = T0.addSecs(1);
    query.filter.to = T0.addSecs(4); // [from, to): rows at 1, 2 and 3 s
    QList<Row> inWindow = rows;
    inWindow.removeIf([](const Row& r) { return r.seconds < 1 || r.seconds >= 4; });
    QCOMPARE(fetchAll(queue, query, 2), expectedOrder(inWindow, Kind::Either, SortKey::CreatedAt, true));

    query.filter.user = QStringLiteral("bob");
    inWindow.removeIf([](const Row& r) { return r.user != QLatin1String("bob"); });
    QCOMPARE(fetchAll(queue, query, 2), expectedOrder(inWindow, Kind::Either, SortKey::CreatedAt, true));
    QCOMPARE(inWindow.size(), 2);

    query.filter.model = QStringLiteral("gemini-1.5-pro");
    QVERIFY(fetchAll(queue, query, 2).isEmpty());
}

void TestReviewQueue::searchIsCaseInsensitiveAndLiteral_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QList<int>>("matches"); // indexes into the texts below, newest first

    QTest::newRow("case-insensitive, query or answer") << QStringLiteral("wOrLd") << QList<int> { 1, 0 };
    QTest::newRow("percent is literal") << QStringLiteral("100%") << QList<int> { 2 };
    QTest::newRow("underscore is literal") << QStringLiteral("_case") << QList<int> { 4 };
    QTest::newRow("backslash is literal") << QStringLiteral("a\\b") << QList<int> { 6 };
    QTest::newRow("injection text is plain text")
        << QStringLiteral("'); DROP TABLE chat_interactions; --") << QList<int> { 7 };
    QTest::newRow("no match") << QStringLiteral("zebra") << QList<int> {};
}

void TestReviewQueue::searchIsCaseInsensitiveAndLiteral()
{
    QFETCH(QString, search);
    QFETCH(QList<int>, matches);
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<std::pair<QString, QString>> texts {
        { QStringLiteral("hello"), QStringLiteral("Hello WORLD") },
        { QStringLiteral("the world is big"), QStringLiteral("yes") },
        { QStringLiteral("Refund 100% guaranteed?"), QStringLiteral("no") },
        { QStringLiteral("refund 1000 dollars"), QStringLiteral("no") },
        { QStringLiteral("rename snake_case fields"), QStringLiteral("ok") },
        { QStringLiteral("rename snakeXcase fields"), QStringLiteral("ok") },
        { QStringLiteral("path a\\b"), QStringLiteral("ok") },
        { QStringLiteral("q"), QStringLiteral("he typed '); DROP TABLE chat_interactions; -- here") },
    };
    QList<QUuid> ids;
    for (int i = 0; i < texts.size(); ++i) {
        Row row { i, 0.1, std::nullopt, std::nullopt, std::nullopt };
        row.query = texts[i].first;
        row.answer = texts[i].second;
        ids << record(store, row);
    }
    ReviewQueueQuery query;
    query.search = search;
    QList<QUuid> expected;
    for (int i : std::as_const(matches))
        expected << ids[i];
    QCOMPARE(fetchAll(ReviewQueue(store), query, 2), expected);
    ReviewQueueQuery all;
    QCOMPARE(fetchAll(ReviewQueue(store), all, 100).size(), texts.size()); // tables intact
}

void TestReviewQueue::unreviewedOnlyHidesReviewedInteractions()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QList<Row> rows = seed(store, queueRows());
    const FixtureWriter writer(store);
    writer.addReview(rows[0].id, QStringLiteral("dana"), 3, QString(), T0.addDays(2));
    writer.addReview(rows[4].id, QStringLiteral("eli"), 1, QStringLiteral("bad"), T0.addDays(2));
    writer.addReview(rows[4].id, QStringLiteral("dana"), 2, QString(), T0.addDays(3));
    ReviewQueueQuery query;
    query.unreviewedOnly = true;
    const QList<QUuid> expected
        = expectedOrder(rows.mid(1, 3) + rows.mid(5), Kind::Either, SortKey::CreatedAt, true);
    QCOMPARE(expected.size(), 9);
    QCOMPARE(fetchAll(ReviewQueue(store), query, 4), expected);
}

void TestReviewQueue::drillsDownByUserRatingAndConfidenceBucket()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QList<Row> rows = seed(store, queueRows());
    const ReviewQueue queue(store);

    ReviewQueueQuery byRating;
    byRating.userRating = 1;
    QList<Row> ratedOne = rows;
    ratedOne.removeIf([](const Row& r) { return r.rating != 1; });
    QCOMPARE(ratedOne.size(), 3);
    QCOMPARE(fetchAll(queue, byRating, 2), expectedOrder(ratedOne, Kind::Either, SortKey::CreatedAt, true));

    ReviewQueueQuery byBucket;
    byBucket.confidenceBucket = 3; // [0.3, 0.4): 1/3 twice and 0.1 + 0.2
    QList<Row> third = rows;
    third.removeIf([](const Row& r) { return !r.confidence || *r.confidence < 0.3 || *r.confidence >= 0.4; });
    QCOMPARE(third.size(), 3);
    QCOMPARE(fetchAll(queue, byBucket, 2), expectedOrder(third, Kind::Either, SortKey::CreatedAt, true));

    // the "none" bar: interactions without a score
    ReviewQueueQuery noScore;
    noScore.kind = Kind::All;
    noScore.confidenceBucket = ReviewQueueQuery::NoScoreBucket;
    QList<Row> unscored = rows;
    unscored.removeIf([](const Row& r) { return r.confidence.has_value(); });
    QVERIFY(!unscored.isEmpty());
    QCOMPARE(fetchAll(queue, noScore, 2), expectedOrder(unscored, Kind::All, SortKey::CreatedAt, true));

    byBucket.confidenceBucket = 9;
    byBucket.kind = Kind::LowRated;
    const auto top = queue.fetch(byBucket, 10);
    QVERIFY(top.ok());
    QCOMPARE(top->rows.size(), 1);
    QCOMPARE(top->rows.first().id, rows[5].id);
}

void TestReviewQueue::windowOnFeedbackListsWhatTheRatingsCount()
{
    TestDatabase db;
    const StorePtr store = db.open();
    // Interactions at T0 + 0…8 s; the feedback of row k a good while later, at T0 + 100 + k s.
    QList<Row> rows = queueRows();
    const FixtureWriter writer(store);
    for (qsizetype k = 0; k < rows.size(); ++k) {
        rows[k].id = record(store, rows[k]);
        if (rows[k].rating)
            writer.addFeedback(rows[k].id, *rows[k].rating, T0.addSecs(100 + k));
    }
    const auto feedbackIn = [&rows](qsizetype first, qsizetype end, std::optional<QString> user = {}) {
        QList<Row> picked;
        for (qsizetype k = first; k < end; ++k) {
            if (rows[k].rating && (!user || rows[k].user == *user))
                picked << rows[k];
        }
        return picked;
    };
    const ReviewQueue queue(store);
    ReviewQueueQuery query;
    query.kind = Kind::LowRated;
    query.filter.from = T0.addSecs(102);
    query.filter.to = T0.addSecs(110); // the feedback of rows 2…9
    QVERIFY(fetchAll(queue, query, 2).isEmpty()); // no interaction was created in that window

    query.windowOn = ReviewQueueQuery::WindowOn::Feedback;
    const QList<QUuid> lowRated = expectedOrder(feedbackIn(2, 10), Kind::LowRated, SortKey::CreatedAt, true);
    QCOMPARE(lowRated.size(), 5);
    QCOMPARE(fetchAll(queue, query, 1000), lowRated);
    QCOMPARE(fetchAll(queue, query, 2), lowRated);
    QCOMPARE(fetchAll(queue, query, 1), lowRated);

    // A rating bar's drill-down: as many rows as ratings of that value given in the window.
    query.userRating = 1;
    QList<Row> ratedOne = feedbackIn(2, 10);
    ratedOne.removeIf([](const Row& r) { return r.rating != 1; });
    QCOMPARE(ratedOne.size(), 2);
    QCOMPARE(fetchAll(queue, query, 1), expectedOrder(ratedOne, Kind::LowRated, SortKey::CreatedAt, true));

    // user and model still narrow the interaction
    query.userRating.reset();
    query.filter.user = QStringLiteral("bob");
    const QList<QUuid> bobs
        = expectedOrder(feedbackIn(2, 10, QStringLiteral("bob")), Kind::LowRated, SortKey::CreatedAt, true);
    QCOMPARE(bobs.size(), 2);
    QCOMPARE(fetchAll(queue, query, 1), bobs);
    query.filter.model = QStringLiteral("gemini-1.5-pro");
    QVERIFY(fetchAll(queue, query, 1).isEmpty());

    // other sorts page the same way
    query.filter.user.reset();
    query.filter.model.reset();
    query.sort = SortKey::Latency;
    QCOMPARE(
        fetchAll(queue, query, 1), expectedOrder(feedbackIn(2, 10), Kind::LowRated, SortKey::Latency, true));
}

void TestReviewQueue::summaryCarriesPreviewsRatingsAndNewestReview()
{
    TestDatabase db;
    const StorePtr store = db.open();
    Row row { 0, 0.25, 812.5, 123456789, 2 };
    row.query = QStringLiteral("é").repeated(150) + QStringLiteral("\U0001F600").repeated(100);
    row.answer = QStringLiteral("short answer");
    const QList<Row> rows = seed(store, { row });
    const FixtureWriter writer(store);
    writer.addReview(rows[0].id, QStringLiteral("dana"), 1, QStringLiteral("hallucination"), T0.addDays(2));
    writer.addReview(rows[0].id, QStringLiteral("eli"), 4, QStringLiteral("fine"), T0.addDays(3));

    const auto page = ReviewQueue(store).fetch({}, 10);
    QVERIFY(page.ok());
    QCOMPARE(page->rows.size(), 1);
    QVERIFY(page->atEnd());
    const InteractionSummary& s = page->rows.first();
    QCOMPARE(s.id, rows[0].id);
    QCOMPARE(s.createdAt, T0);
    QCOMPARE(s.userId, QStringLiteral("alice"));
    QCOMPARE(s.queryPreview, QStringLiteral("é").repeated(150) + QStringLiteral("\U0001F600").repeated(50));
    QCOMPARE(s.answerPreview, QStringLiteral("short answer"));
    QCOMPARE(s.confidence, std::optional<double>(0.25));
    QCOMPARE(s.totalLatencyMs, std::optional<double>(812.5));
    QCOMPARE(s.cost, std::optional<Money>(Money::fromUnits(123456789)));
    QVERIFY(!s.model.has_value());
    QCOMPARE(s.userRating, std::optional<int>(2));
    QCOMPARE(s.reviewerRating, std::optional<int>(4));
    QCOMPARE(s.reviewerLabel, QStringLiteral("fine"));
}

void TestReviewQueue::refusesBadArguments()
{
    TestDatabase db;
    const StorePtr store = db.open();
    seed(store, queueRows());
    const ReviewQueue queue(store);
    ReviewQueueQuery query;
    QCOMPARE(queue.fetch(query, 0).error().kind, ErrorKind::InvalidInput);

    ReviewQueueQuery badRating;
    badRating.userRating = 6;
    QCOMPARE(queue.fetch(badRating, 5).error().kind, ErrorKind::InvalidInput);
    ReviewQueueQuery badBucket;
    badBucket.confidenceBucket = 11;
    QCOMPARE(queue.fetch(badBucket, 5).error().kind, ErrorKind::InvalidInput);

    const auto first = queue.fetch(query, 3);
    QVERIFY(first.ok() && !first->atEnd());
    ReviewQueueQuery otherSort;
    otherSort.sort = SortKey::Cost;
    QCOMPARE(queue.fetch(otherSort, 3, first->nextCursor).error().kind, ErrorKind::InvalidInput);
    otherSort = query;
    otherSort.descending = false;
    QCOMPARE(queue.fetch(otherSort, 3, first->nextCursor).error().kind, ErrorKind::InvalidInput);
    QCOMPARE(queue.fetch(query, 3, QStringLiteral("garbage!")).error().kind, ErrorKind::InvalidInput);
}

void TestReviewQueue::worksOnStoreWithoutReviewsTable()
{
    TestDatabase db;
    const QList<Row> rows = seed(db.open(), queueRows());
    db.execScript(QStringLiteral("DROP TABLE ragscope_reviews;"));
    const StorePtr store = db.open(false);
    QVERIFY(!store->hasReviews());
    const ReviewQueue queue(store);
    ReviewQueueQuery query;
    query.unreviewedOnly = true; // nothing can have been reviewed
    query.sort = SortKey::Confidence;
    QCOMPARE(fetchAll(queue, query, 3), expectedOrder(rows, Kind::Either, SortKey::Confidence, true));
    const auto page = queue.fetch(query, 1);
    QVERIFY(page.ok());
    QVERIFY(!page->rows.first().reviewerRating.has_value());
    const auto detail = queue.detail(rows[0].id);
    QVERIFY(detail.ok());
    QVERIFY(detail->latestReviews.isEmpty());
    QCOMPARE(detail->feedback->rating, 1);
}

void TestReviewQueue::detailHasEverythingAboutOneInteraction()
{
    TestDatabase db;
    const StorePtr store = db.open();
    InteractionRecord r;
    r.userId = QStringLiteral("carol");
    r.query = QStringLiteral("How do I export a report?");
    r.answer = QStringLiteral("Use File → Export.");
    r.confidence = 0.42;
    r.citations = 3;
    r.totalLatencyMs = 1500.25;
    r.retrievalLatencyMs = 300.5;
    r.generationLatencyMs = 1199.75;
    r.promptTokens = 1200;
    r.completionTokens = 300;
    r.model = QStringLiteral("gemini-1.5-pro");
    r.cost = Money::fromUnits(26250);
    r.createdAt = T0.addMSecs(123);
    const QUuid id = InteractionRecorder(store).record(r).value();
    const FixtureWriter writer(store);
    const QUuid feedback = writer.addFeedback(id, 2, T0.addDays(1), QStringLiteral("too vague"));
    writer.addReview(id, QStringLiteral("dana"), 1, QStringLiteral("old"), T0.addDays(2));
    const QUuid danaNew
        = writer.addReview(id, QStringLiteral("dana"), 3, QStringLiteral("new"), T0.addDays(4));
    const QUuid eli = writer.addReview(id, QStringLiteral("eli"), 2, QString(), T0.addDays(3));

    const auto detail = ReviewQueue(store).detail(id);
    QVERIFY2(detail.ok(), qPrintable(detail.ok() ? QString() : detail.error().message));
    const InteractionDetail& d = detail.value();
    QCOMPARE(d.id, id);
    QCOMPARE(d.createdAt, T0.addMSecs(123));
    QCOMPARE(d.userId, QStringLiteral("carol"));
    QCOMPARE(d.query, r.query);
    QCOMPARE(d.answer, r.answer);
    QCOMPARE(d.confidence, std::optional<double>(0.42));
    QCOMPARE(d.citations, 3);
    QCOMPARE(d.totalLatencyMs, std::optional<double>(1500.25));
    QCOMPARE(d.retrievalLatencyMs, std::optional<double>(300.5));
    QCOMPARE(d.generationLatencyMs, std::optional<double>(1199.75));
    QCOMPARE(d.promptTokens, std::optional<qint64>(1200));
    QCOMPARE(d.completionTokens, std::optional<qint64>(300));
    QCOMPARE(d.totalTokens, std::optional<qint64>(1500));
    QCOMPARE(d.model, std::optional<QString>(QStringLiteral("gemini-1.5-pro")));
    QCOMPARE(d.cost, std::optional<Money>(Money::fromUnits(26250)));
    QVERIFY(d.feedback.has_value());
    QCOMPARE(d.feedback->id, feedback);
    QCOMPARE(d.feedback->rating, 2);
    QCOMPARE(d.feedback->comment, QStringLiteral("too vague"));
    QCOMPARE(d.latestReviews.size(), 2);
    QCOMPARE(d.latestReviews[0].id, danaNew);
    QCOMPARE(d.latestReviews[0].label, QStringLiteral("new"));
    QCOMPARE(d.latestReviews[1].id, eli);

    const auto missing = ReviewQueue(store).detail(QUuid::createUuid());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestReviewQueue)
#include "tst_reviewqueue.moc"
