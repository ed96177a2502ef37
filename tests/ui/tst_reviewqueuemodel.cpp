#include "fixturewriter.h"
#include "models/reviewqueuemodel.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QtTest>

using namespace RagScope;
using Kind = ReviewQueueQuery::Kind;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
constexpr int LowConfidenceRows = 650;
constexpr int LowRatedRows = 30;
constexpr int OutsideRows = 20;
// A long queue read through a small window: 60 pages of 50 rows, at most 4 pages held.
constexpr int LongRows = 3000;
constexpr int LongPageSize = 50;
constexpr int LongCacheLimit = 200;

ReviewQueueQuery queryOf(Kind kind)
{
    ReviewQueueQuery query;
    query.kind = kind;
    return query;
}

// Waits until no page is in flight (whoever asked for it: the test or the model tester).
bool waitIdle(const ReviewQueueModel& model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 20000);
}

// One low-confidence row a minute from T0 on, so the queue (newest first) is the reverse.
QList<QUuid> recordLongQueue(const StorePtr& store)
{
    QList<InteractionRecord> records;
    for (int i = 0; i < LongRows; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("long");
        r.query = QStringLiteral("long question %1").arg(i);
        r.answer = QStringLiteral("answer");
        r.confidence = 0.2;
        r.createdAt = T0.addSecs(60 * i);
        records << r;
    }
    const auto ids = InteractionRecorder(store).recordBatch(records);
    if (!ids.ok())
        qFatal("cannot record the long queue");
    QList<QUuid> newestFirst(ids->crbegin(), ids->crend());
    return newestFirst;
}

QUuid recordOne(const StorePtr& store, const QDateTime& createdAt)
{
    InteractionRecord r;
    r.userId = QStringLiteral("late");
    r.query = QStringLiteral("inserted meanwhile");
    r.answer = QStringLiteral("answer");
    r.confidence = 0.1;
    r.createdAt = createdAt;
    const auto ids = InteractionRecorder(store).recordBatch({ r });
    if (!ids.ok())
        qFatal("cannot record a row");
    return ids->first();
}

// Reads `row` as a view scrolled to it would: a row whose page was dropped shows a
// placeholder and asks for its page, and shows its data once the page is back (counted
// in `dropped`).
QUuid idAt(ReviewQueueModel& model, int row, int* dropped)
{
    const QModelIndex index = model.index(row, ReviewQueueModel::Time);
    if (!model.isHeld(row)) {
        ++*dropped;
        if (!index.data(ReviewQueueModel::IdRole).isNull())
            return {}; // a dropped row must not show data
        if (!QTest::qWaitFor([&] { return model.isHeld(row); }, 20000))
            return {};
    }
    return index.data(ReviewQueueModel::IdRole).toUuid();
}

// Whether every row, read from `from` to `to` (either way), is the expected one.
bool readsInOrder(ReviewQueueModel& model, const QList<QUuid>& expected, int from, int to, int* dropped)
{
    const int step = from <= to ? 1 : -1;
    for (int row = from; row != to + step; row += step) {
        while (row >= model.rowCount() && model.canFetchMore({})) { // scrolled to the bottom
            model.fetchMore({});
            if (!waitIdle(model))
                return false;
        }
        if (row >= model.rowCount() || idAt(model, row, dropped) != expected.at(row)) {
            qWarning("row %d is not the expected one", row);
            return false;
        }
    }
    return true;
}

} // namespace

/// ReviewQueueModel against a real store: keyset pages on a worker, appended in order,
/// superseded by a new query, kept on failure.
class TestReviewQueueModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void firstLoadHoldsOnePage();
    void fetchMorePagesThroughEveryRowOnceNewestFirst();
    void kindSelectsRows_data();
    void kindSelectsRows();
    void newQueryResetsTheModel();
    void supersededPageIsDropped();
    void failedRefreshKeepsRowsShown();
    void failedPageKeepsRowsAndStopsFetching();
    void savedReviewShowsInItsRow();
    void rowsWithoutACostReadNoPrice();
    void scrollingToTheEndAndBackHoldsOnlyPagesInUse();
    void rowsInsertedMeanwhileNeitherShiftNorRepeat();

private:
    void watchHeldRows();

    static StorePtr smallStore(Test::TestDatabase& db);

    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    QSet<QUuid> m_lowConfidence;
    QSet<QUuid> m_lowRated;
    std::unique_ptr<Test::TestDatabase> m_longDb;
    StorePtr m_longStore;
    QList<QUuid> m_longIds; ///< the long queue, newest first
    int m_mostHeld = 0; ///< the most rows the model held at any signal
    std::unique_ptr<ReviewQueueModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestReviewQueueModel::initTestCase()
{
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    QList<InteractionRecord> records;
    for (int i = 0; i < LowConfidenceRows; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("user%1").arg(i % 7);
        r.query = QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("answer %1").arg(i);
        r.confidence = 0.05 + (i % 50) / 100.0;
        r.model = QStringLiteral("gemini-1.5-flash");
        r.promptTokens = 100 + i;
        r.completionTokens = 50;
        r.totalLatencyMs = 300.0 + i;
        r.createdAt = T0.addSecs((i / 3) * 60); // three rows per timestamp: the keyset must break ties
        records << r;
    }
    for (int i = 0; i < LowRatedRows + OutsideRows; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("rated");
        r.query = QStringLiteral("confident question %1").arg(i);
        r.answer = QStringLiteral("confident answer");
        r.confidence = 0.9;
        r.createdAt = T0.addSecs(30 + i * 60);
        records << r;
    }
    const auto ids = InteractionRecorder(m_store).recordBatch(records);
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    const Test::FixtureWriter writer(m_store);
    for (int i = 0; i < ids->size(); ++i) {
        if (i < LowConfidenceRows) {
            m_lowConfidence.insert(ids->at(i));
        } else if (i < LowConfidenceRows + LowRatedRows) {
            writer.addFeedback(ids->at(i), 1 + i % 2, T0.addDays(1));
            m_lowRated.insert(ids->at(i));
        } else {
            writer.addFeedback(ids->at(i), 4, T0.addDays(1)); // rated well and confident: not in any queue
        }
    }
    m_longDb = std::make_unique<Test::TestDatabase>();
    m_longStore = m_longDb->open();
    m_longIds = recordLongQueue(m_longStore);
}

void TestReviewQueueModel::init()
{
    m_model = std::make_unique<ReviewQueueModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestReviewQueueModel::watchHeldRows()
{
    m_mostHeld = 0;
    const auto note = [this] { m_mostHeld = qMax(m_mostHeld, m_model->heldRows()); };
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, note);
    connect(m_model.get(), &QAbstractItemModel::dataChanged, this, note);
    connect(m_model.get(), &QAbstractItemModel::modelReset, this, note);
    connect(m_model.get(), &ReviewQueueModel::pageLoaded, this, note);
}

void TestReviewQueueModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestReviewQueueModel::firstLoadHoldsOnePage()
{
    QList<int> rowsAtFirstPage;
    connect(
        m_model.get(), &ReviewQueueModel::pageLoaded, this, [&] { rowsAtFirstPage << m_model->rowCount(); });
    QSignalSpy pages(m_model.get(), &ReviewQueueModel::pageLoaded);
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(pages.wait(20000));
    QCOMPARE(rowsAtFirstPage.value(0), ReviewQueueModel::DefaultPageSize);
    QCOMPARE(pages.first().first().toInt(), ReviewQueueModel::DefaultPageSize);
}

void TestReviewQueueModel::fetchMorePagesThroughEveryRowOnceNewestFirst()
{
    QSignalSpy pages(m_model.get(), &ReviewQueueModel::pageLoaded);
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));
    while (m_model->canFetchMore({})) {
        m_model->fetchMore({});
        m_model->fetchMore({}); // a second call while a page is in flight starts nothing
        QVERIFY(waitIdle(*m_model));
    }
    QVERIFY(m_model->isComplete());

    QList<int> pageSizes;
    for (const QList<QVariant>& page : std::as_const(pages))
        pageSizes << page.first().toInt();
    QCOMPARE(pageSizes, (QList<int> { 200, 200, 200, 50 }));

    QCOMPARE(m_model->rowCount(), LowConfidenceRows);
    QSet<QUuid> seen;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const InteractionSummary summary = m_model->summary(row);
        QVERIFY2(!seen.contains(summary.id), qPrintable(QStringLiteral("row %1 appears twice").arg(row)));
        seen.insert(summary.id);
        if (row > 0)
            QVERIFY(m_model->summary(row - 1).createdAt >= summary.createdAt);
    }
    QCOMPARE(seen, m_lowConfidence);
    QCOMPARE(m_model->index(0, ReviewQueueModel::Time).data().toString(),
        T0.addSecs(((LowConfidenceRows - 1) / 3) * 60).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

void TestReviewQueueModel::kindSelectsRows_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("expectedRows");
    QTest::newRow("low-rated") << int(Kind::LowRated) << LowRatedRows;
    QTest::newRow("low-confidence") << int(Kind::LowConfidence) << LowConfidenceRows;
    QTest::newRow("both") << int(Kind::Either) << LowConfidenceRows + LowRatedRows;
}

void TestReviewQueueModel::kindSelectsRows()
{
    QFETCH(int, kind);
    QFETCH(int, expectedRows);
    m_model->setQuery(m_store, queryOf(Kind(kind)));
    QVERIFY(waitIdle(*m_model));
    while (m_model->canFetchMore({})) {
        m_model->fetchMore({});
        QVERIFY(waitIdle(*m_model));
    }
    QCOMPARE(m_model->rowCount(), expectedRows);
}

void TestReviewQueueModel::newQueryResetsTheModel()
{
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));
    QVERIFY(m_model->rowCount() > 0);

    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setQuery(m_store, queryOf(Kind::LowRated));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(waitIdle(*m_model));
    QCOMPARE(m_model->rowCount(), LowRatedRows);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QVERIFY(m_lowRated.contains(m_model->index(row, 0).data(ReviewQueueModel::IdRole).toUuid()));
        QVERIFY(m_model->index(row, ReviewQueueModel::UserRating).data().toInt() <= 2);
    }
}

void TestReviewQueueModel::supersededPageIsDropped()
{
    // A first page superseded before it arrives.
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QVERIFY(m_model->isLoading());
    m_model->setQuery(m_store, queryOf(Kind::LowRated));
    QVERIFY(waitIdle(*m_model));
    QCOMPARE(m_model->rowCount(), LowRatedRows);

    // A further page in flight, superseded by a new query.
    QSignalSpy pages(m_model.get(), &ReviewQueueModel::pageLoaded);
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QVERIFY(pages.wait(20000));
    m_model->fetchMore({});
    QVERIFY(m_model->isLoading());
    m_model->setQuery(m_store, queryOf(Kind::LowRated));
    QVERIFY(waitIdle(*m_model));
    QTest::qWait(200); // a page that was not dropped would land now
    QCOMPARE(m_model->rowCount(), LowRatedRows);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_lowRated.contains(m_model->summary(row).id));
}

StorePtr TestReviewQueueModel::smallStore(Test::TestDatabase& db)
{
    const StorePtr store = db.open();
    QList<InteractionRecord> records;
    for (int i = 0; i < 5; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("q%1").arg(i);
        r.answer = QStringLiteral("a");
        r.confidence = 0.1;
        r.createdAt = T0.addSecs(i);
        records << r;
    }
    if (!InteractionRecorder(store).recordBatch(records).ok())
        qFatal("cannot record the small fixture");
    return store;
}

void TestReviewQueueModel::failedRefreshKeepsRowsShown()
{
    Test::TestDatabase db;
    const StorePtr store = smallStore(db);
    m_model->setQuery(store, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));
    QCOMPARE(m_model->rowCount(), 5);

    db.execScript(QStringLiteral("DROP TABLE chat_feedbacks"));
    QSignalSpy failures(m_model.get(), &ReviewQueueModel::loadFailed);
    m_model->setQuery(store, queryOf(Kind::LowConfidence)); // same query: a refresh
    QVERIFY(failures.wait(20000));
    QCOMPARE(m_model->rowCount(), 5);
}

void TestReviewQueueModel::failedPageKeepsRowsAndStopsFetching()
{
    // The tester pages through everything by itself (it calls fetchMore on every insert),
    // which would leave no page to fail: this case runs without it.
    m_tester.reset();
    Test::TestDatabase db;
    const StorePtr store = smallStore(db);
    m_model->setPageSize(2);
    m_model->setQuery(store, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->canFetchMore({}));

    db.execScript(QStringLiteral("DROP TABLE chat_feedbacks"));
    QSignalSpy failures(m_model.get(), &ReviewQueueModel::loadFailed);
    m_model->fetchMore({});
    QVERIFY(failures.wait(20000));
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(!m_model->canFetchMore({})); // no retry storm from views; refresh() retries
}

void TestReviewQueueModel::savedReviewShowsInItsRow()
{
    m_model->setQuery(m_store, queryOf(Kind::LowRated));
    QVERIFY(waitIdle(*m_model));
    QVERIFY(m_model->rowCount() > 3);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    RagScope::Review review;
    review.interactionId = m_model->summary(3).id;
    review.reviewer = QStringLiteral("carol");
    review.rating = 4;
    review.label = QStringLiteral("good answer");
    m_model->applyReview(review);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(
        m_model->index(3, ReviewQueueModel::Review).data().toString(), QStringLiteral("4 · good answer"));
    QCOMPARE(m_model->summary(3).reviewerRating, std::optional<int>(4));
}

void TestReviewQueueModel::rowsWithoutACostReadNoPrice()
{
    // the low-rated rows have no model, hence no cost: not a blank cell, the words of every page
    m_model->setQuery(m_store, queryOf(Kind::LowRated));
    QVERIFY(waitIdle(*m_model));
    QVERIFY(m_model->rowCount() > 0);
    QCOMPARE(m_model->index(0, ReviewQueueModel::Cost).data().toString(), QStringLiteral("no price"));
    m_model->setQuery(m_store, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));
    // Every row with all eight places, so sub-cent costs line up ("$0.00012500" over "$0.00300000").
    static const QRegularExpression allPlaces(QStringLiteral("^\\$[0-9,]+\\.[0-9]{8}$"));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString cost = m_model->index(row, ReviewQueueModel::Cost).data().toString();
        if (cost != QLatin1String("no price"))
            QVERIFY2(allPlaces.match(cost).hasMatch(), qPrintable(cost));
    }
}

void TestReviewQueueModel::scrollingToTheEndAndBackHoldsOnlyPagesInUse()
{
    m_model->setPageSize(LongPageSize);
    m_model->setCacheLimit(LongCacheLimit);
    watchHeldRows();
    m_model->setQuery(m_longStore, queryOf(Kind::LowConfidence));
    QVERIFY(waitIdle(*m_model));

    int dropped = 0;
    QVERIFY(readsInOrder(*m_model, m_longIds, 0, LongRows - 1, &dropped));
    QVERIFY(waitIdle(*m_model));
    QVERIFY(m_model->isComplete());
    QCOMPARE(m_model->rowCount(), LongRows);
    // (The tester reads row 0 after every insert, so that page stays in use, as on a screen.)
    QVERIFY2(!m_model->isHeld(LongRows / 2), "a page far from the rows read is still held");
    QVERIFY(m_model->summary(LongRows / 2).id.isNull());

    // Back to the start: every dropped page comes back with the same rows, in order.
    dropped = 0;
    QVERIFY(readsInOrder(*m_model, m_longIds, LongRows - 1, 0, &dropped));
    // Each dropped page is read again once, when its first row comes into view.
    QVERIFY2(dropped >= (LongRows - LongCacheLimit) / LongPageSize, qPrintable(QString::number(dropped)));
    QVERIFY(waitIdle(*m_model));
    QCOMPARE(m_model->rowCount(), LongRows);
    QVERIFY2(m_mostHeld <= LongCacheLimit, qPrintable(QString::number(m_mostHeld)));
    QVERIFY(m_model->heldRows() <= LongCacheLimit);
}

void TestReviewQueueModel::rowsInsertedMeanwhileNeitherShiftNorRepeat()
{
    Test::TestDatabase db;
    const StorePtr store = db.open();
    const QList<QUuid> ids = recordLongQueue(store);
    m_model->setPageSize(LongPageSize);
    m_model->setCacheLimit(LongCacheLimit);
    watchHeldRows();
    m_model->setQuery(store, queryOf(Kind::LowConfidence));
    int dropped = 0;
    QVERIFY(readsInOrder(*m_model, ids, 0, LongRows - 1, &dropped));
    QVERIFY(waitIdle(*m_model));

    // Rows lastOfPage and lastOfPage + 1 end and start two pages, both dropped by now; a row
    // goes in between them, and a new newest row above the first page.
    const int lastOfPage = 10 * LongPageSize + LongPageSize - 1;
    QVERIFY(!m_model->isHeld(lastOfPage) && !m_model->isHeld(lastOfPage + 1));
    const auto timeOfRow = [](int row) { return T0.addSecs(60 * (LongRows - 1 - row)); };
    const QUuid between = recordOne(store, timeOfRow(lastOfPage).addSecs(-30));
    const QUuid newest = recordOne(store, timeOfRow(0).addSecs(30));

    dropped = 0;
    QVERIFY(readsInOrder(*m_model, ids, LongRows - 1, 0, &dropped));
    QVERIFY(dropped > 0);
    QCOMPARE(m_model->rowCount(), LongRows);
    QVERIFY(m_mostHeld <= LongCacheLimit);

    // The rows were there all along: a reload shows them where they belong.
    QList<QUuid> withInserted = ids;
    withInserted.insert(lastOfPage + 1, between);
    withInserted.prepend(newest);
    m_model->reload();
    QVERIFY(waitIdle(*m_model));
    QVERIFY(readsInOrder(*m_model, withInserted, 0, LongRows + 1, &dropped));
}

QTEST_MAIN(TestReviewQueueModel)
#include "tst_reviewqueuemodel.moc"
