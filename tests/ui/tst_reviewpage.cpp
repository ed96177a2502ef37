#include "connectionprofiles.h"
#include "feedback/feedbackservice.h"
#include "feedback/reviewservice.h"
#include "fixturewriter.h"
#include "guitest.h"
#include "models/reviewqueuemodel.h"
#include "pages/reviewpage.h"
#include "recorder/interactionrecorder.h"
#include "store/sqldialect.h"
#include "testdatabase.h"
#include "widgets/interactiondetailview.h"
#include "widgets/reviewform.h"
#include "widgets/reviewqueuecontrols.h"
#include "widgets/reviewqueuetable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QtTest>

using namespace RagScope;
using Kind = ReviewQueueQuery::Kind;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());
const QString Reviewer = QStringLiteral("page-tester");

struct FixtureRow
{
    QString query;
    QString answer;
    double confidence;
    std::optional<int> userRating;
    bool reviewed;
};

// Six rows in the queue (rating ≤ 2 or confidence < 0.6), two outside it; index = minutes after T0.
const QList<FixtureRow> Rows = {
    { QStringLiteral("How do I get a refund?"), QStringLiteral("Write to support."), 0.2, 1, false }, // 0
    { QStringLiteral("Shipping times to Norway?"), QStringLiteral("Three days."), 0.9, 2, false }, // 1
    { QStringLiteral("Reset my password"), QStringLiteral("No REFUND needed for that."), 0.5, {},
        false }, // 2
    { QStringLiteral("Opening hours?"), QStringLiteral("9 to 5."), 0.95, 5, false }, // 3 outside
    { QStringLiteral("Refund for digital goods"), QStringLiteral("Within 14 days."), 0.3, 4, false }, // 4
    { QStringLiteral("Is the API rate limited?"), QStringLiteral("Never."), 0.1, 1, true }, // 5
    { QStringLiteral("Which plan fits me?"), QStringLiteral("The big one."), 0.8, {}, false }, // 6 outside
    { QStringLiteral("Export to CSV?"), QStringLiteral("Yes, from the menu."), 0.55, 2, true }, // 7
};

} // namespace

/// The Review page on a real store: it fills, filters, sorts in SQL, drills down, and saves
/// reviewers' verdicts without ever touching the end user's feedback.
class TestReviewPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pageFillsNewestFirstFromTheStore();
    void savingReviewWritesReviewRowAndLeavesUserFeedbackUntouched();
    void invalidInputShowsErrorWritesNothingAndKeepsText_data();
    void invalidInputShowsErrorWritesNothingAndKeepsText();
    void storeWithoutReviewsTableDisablesSavingWithReason();
    void searchFiltersRowsAfterTypingPauses();
    void notYetReviewedHidesReviewedRows();
    void showQueryAppliesDrillDown_data();
    void showQueryAppliesDrillDown();
    void headerClickSortsInTheStore();
    void upAndDownMoveThroughTheQueue();
    void loadErrorEmitsStoreErrorAndKeepsRows();
    void selectionOutlivesItsPageAndJumpsShowOnceLoaded();

private:
    bool waitIdle() const;
    QSet<int> shownRows() const;
    QList<QVariant> feedbackRow(const QUuid& interactionId) const;
    int reviewCount(const QUuid& interactionId) const;
    void select(int fixtureRow);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    QList<QUuid> m_ids;
    std::unique_ptr<ReviewPage> m_page;
};

void TestReviewPage::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewpage"));
    qputenv("USER", Reviewer.toUtf8());
}

void TestReviewPage::init()
{
    QSettings().clear();
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    ConnectionProfiles::setReviewer(m_store->location(), Reviewer); // else the role on PostgreSQL
    QList<InteractionRecord> records;
    for (int i = 0; i < Rows.size(); ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(i);
        r.query = Rows[i].query;
        r.answer = Rows[i].answer;
        r.confidence = Rows[i].confidence;
        r.model = QStringLiteral("gemini-1.5-pro-latest");
        r.promptTokens = 1000 + i;
        r.completionTokens = 200;
        r.totalLatencyMs = 800.0 + 100 * i;
        r.citations = i % 3;
        r.createdAt = T0.addSecs(60 * i);
        records << r;
    }
    const auto ids = InteractionRecorder(m_store).recordBatch(records);
    QVERIFY(ids.ok());
    m_ids = *ids;
    const Test::FixtureWriter writer(m_store);
    for (int i = 0; i < Rows.size(); ++i) {
        if (Rows[i].userRating)
            writer.addFeedback(m_ids[i], *Rows[i].userRating, T0.addSecs(60 * i + 30),
                QStringLiteral("user comment %1").arg(i));
        if (Rows[i].reviewed)
            writer.addReview(m_ids[i], QStringLiteral("bob"), 3, QStringLiteral("incomplete"), T0.addDays(1));
    }

    m_page = std::make_unique<ReviewPage>();
    m_page->resize(1400, 900);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->setContext({ m_store, m_page->context().filter });
    QVERIFY(waitIdle());
}

void TestReviewPage::cleanup()
{
    if (QTest::currentTestFailed() && m_page) {
        const QString shot = QDir::temp().filePath(
            QStringLiteral("tst_reviewpage-%1.png").arg(QString::fromLatin1(QTest::currentTestFunction())));
        m_page->grab().save(shot);
        qInfo("screenshot of the failed state: %s", qPrintable(shot));
    }
    m_page.reset();
    m_store.reset();
    m_db.reset();
}

bool TestReviewPage::waitIdle() const
{
    return QTest::qWaitFor([this] { return !m_page->isBusy(); }, 20000);
}

QSet<int> TestReviewPage::shownRows() const
{
    QSet<int> rows;
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        rows.insert(int(m_ids.indexOf(m_page->model()->summary(row).id)));
    return rows;
}

QList<QVariant> TestReviewPage::feedbackRow(const QUuid& interactionId) const
{
    const SqlDialect d(m_store->dialect());
    auto q = m_store->exec(
        QStringLiteral("SELECT CAST(id AS TEXT), CAST(interaction_id AS TEXT), CAST(rating AS TEXT),"
                       " comment, CAST(created_at AS TEXT) FROM chat_feedbacks"
                       " WHERE interaction_id = %1")
            .arg(d.uuidParam()),
        { d.bindUuid(interactionId) });
    if (!q.ok() || !q.value().next())
        return {};
    QList<QVariant> values;
    for (int c = 0; c < 5; ++c)
        values << q.value().value(c);
    return values;
}

int TestReviewPage::reviewCount(const QUuid& interactionId) const
{
    const auto history = ReviewService(m_store).history(interactionId);
    return history.ok() ? int(history->size()) : -1;
}

void TestReviewPage::select(int fixtureRow)
{
    const int row = m_page->model()->rowOf(m_ids[fixtureRow]);
    QVERIFY(row >= 0);
    m_page->table()->setCurrentIndex(m_page->model()->index(row, 0));
    m_page->table()->setFocus();
    QTRY_VERIFY(m_page->table()->hasFocus());
    QCOMPARE(m_page->form()->interaction(), m_ids[fixtureRow]);
    QVERIFY(waitIdle());
}

void TestReviewPage::pageFillsNewestFirstFromTheStore()
{
    QCOMPARE(m_page->model()->rowCount(), 6);
    QList<QUuid> order;
    for (int row = 0; row < 6; ++row)
        order << m_page->model()->summary(row).id;
    QCOMPARE(order, (QList<QUuid> { m_ids[7], m_ids[5], m_ids[4], m_ids[2], m_ids[1], m_ids[0] }));
    QCOMPARE(m_page->model()->index(0, ReviewQueueModel::Time).data().toString(),
        QStringLiteral("2026-11-02 09:07:00"));

    // The newest row is selected and shown in full, with the end user's own feedback.
    QCOMPARE(m_page->form()->interaction(), m_ids[7]);
    const QString detail = m_page->detailView()->toPlainText();
    QVERIFY2(detail.contains(Rows[7].query) && detail.contains(Rows[7].answer), qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("user comment 7")), qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("bob rated 3")), qPrintable(detail));
}

void TestReviewPage::savingReviewWritesReviewRowAndLeavesUserFeedbackUntouched()
{
    const QList<QVariant> before = feedbackRow(m_ids[0]);
    QCOMPARE(before.size(), 5);
    const auto feedbackBefore = FeedbackService(m_store).byInteraction(m_ids[0]);
    QVERIFY(feedbackBefore.ok() && feedbackBefore->has_value());

    select(0);
    QTest::keyClick(m_page->table(), Qt::Key_4);
    QCOMPARE(m_page->form()->rating(), 4);
    auto* label = m_page->form()->findChild<QComboBox*>();
    label->setCurrentIndex(label->findData(QStringLiteral("hallucination")));
    auto* comment = m_page->form()->findChild<QPlainTextEdit*>();
    comment->setFocus();
    QTest::keyClicks(comment, QStringLiteral("Invented a refund rule"));
    QTest::keyClick(comment, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(m_page->form()->message(), QStringLiteral("Review saved."));
    QVERIFY(waitIdle());

    const auto history = ReviewService(m_store).history(m_ids[0]);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->first().reviewer, Reviewer);
    QCOMPARE(history->first().rating, 4);
    QCOMPARE(history->first().label, QStringLiteral("hallucination"));
    QCOMPARE(history->first().comment, QStringLiteral("Invented a refund rule"));

    QCOMPARE(feedbackRow(m_ids[0]), before);
    const auto feedbackAfter = FeedbackService(m_store).byInteraction(m_ids[0]);
    QVERIFY(feedbackAfter.ok() && feedbackAfter->has_value());
    QCOMPARE((*feedbackAfter)->rating, (*feedbackBefore)->rating);
    QCOMPARE((*feedbackAfter)->comment, (*feedbackBefore)->comment);
    QCOMPARE((*feedbackAfter)->createdAt, (*feedbackBefore)->createdAt);

    // The form starts over, the row and the detail show the new review.
    QCOMPARE(m_page->form()->rating(), 0);
    QCOMPARE(m_page->form()->comment(), QString());
    const int row = m_page->model()->rowOf(m_ids[0]);
    QCOMPARE(m_page->model()->index(row, ReviewQueueModel::Review).data().toString(),
        QStringLiteral("4 · hallucination"));
    QTRY_VERIFY(m_page->detailView()->toPlainText().contains(Reviewer + QStringLiteral(" rated 4")));

    // A second verdict is kept as history; the latest one is shown.
    QTest::keyClick(m_page->table(), Qt::Key_2);
    QTest::keyClick(m_page->table(), Qt::Key_Enter, Qt::ControlModifier);
    QTRY_COMPARE(reviewCount(m_ids[0]), 2);
    QVERIFY(waitIdle());
    QTRY_VERIFY(m_page->detailView()->toPlainText().contains(Reviewer + QStringLiteral(" rated 2")));
    QVERIFY(!m_page->detailView()->toPlainText().contains(Reviewer + QStringLiteral(" rated 4")));
    QCOMPARE(feedbackRow(m_ids[0]), before);
}

void TestReviewPage::invalidInputShowsErrorWritesNothingAndKeepsText_data()
{
    QTest::addColumn<int>("rating");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("error");
    QTest::newRow("comment of 2001 characters")
        << 2 << QString(2001, QLatin1Char('x')) << QStringLiteral("2001");
    QTest::newRow("no rating") << 0 << QStringLiteral("looks wrong") << QStringLiteral("rating");
}

void TestReviewPage::invalidInputShowsErrorWritesNothingAndKeepsText()
{
    QFETCH(int, rating);
    QFETCH(QString, comment);
    QFETCH(QString, error);
    select(1);
    m_page->form()->setRating(rating);
    auto* edit = m_page->form()->findChild<QPlainTextEdit*>();
    edit->setPlainText(comment);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY2(m_page->form()->message().contains(error), qPrintable(m_page->form()->message()));
    QVERIFY(waitIdle());
    QCOMPARE(reviewCount(m_ids[1]), 0);
    QCOMPARE(m_page->form()->comment(), comment);
    QCOMPARE(m_page->form()->rating(), rating);
}

void TestReviewPage::storeWithoutReviewsTableDisablesSavingWithReason()
{
    m_db->execScript(QStringLiteral("DROP TABLE ragscope_reviews"));
    m_page->setContext(
        { m_db->open(), m_page->context().filter }); // opened again: it now knows the table is gone
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 6);
    QVERIFY2(m_page->form()->message().contains(QLatin1String("Saving is off")),
        qPrintable(m_page->form()->message()));
    QVERIFY(!m_page->form()->findChild<QPushButton*>()->isEnabled());
    QVERIFY(!m_page->form()->saveAction()->isEnabled());
}

void TestReviewPage::searchFiltersRowsAfterTypingPauses()
{
    QLineEdit* search = m_page->controls()->searchField();
    QTest::keyClick(m_page.get(), Qt::Key_F, Qt::ControlModifier); // Find focuses the search field
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("refund"));
    QCOMPARE(m_page->model()->query().search, QString()); // debounced: not yet
    QTRY_COMPARE(m_page->model()->query().search, QStringLiteral("refund"));
    QVERIFY(waitIdle());
    QCOMPARE(shownRows(), (QSet<int> { 0, 2, 4 }));
}

void TestReviewPage::notYetReviewedHidesReviewedRows()
{
    m_page->controls()->unreviewedBox()->click();
    QVERIFY(waitIdle());
    QCOMPARE(shownRows(), (QSet<int> { 0, 1, 2, 4 }));
}

void TestReviewPage::showQueryAppliesDrillDown_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("userRating");
    QTest::addColumn<int>("bucket");
    QTest::addColumn<QSet<int>>("expected");
    QTest::newRow("low-rated, rating 1") << int(Kind::LowRated) << 1 << -1 << QSet<int> { 0, 5 };
    QTest::newRow("confidence bucket 0.5–0.6") << int(Kind::Either) << -1 << 5 << QSet<int> { 2, 7 };
}

void TestReviewPage::showQueryAppliesDrillDown()
{
    QFETCH(int, kind);
    QFETCH(int, userRating);
    QFETCH(int, bucket);
    QFETCH(QSet<int>, expected);
    ReviewQueueQuery query;
    query.kind = Kind(kind);
    if (userRating > 0)
        query.userRating = userRating;
    if (bucket >= 0)
        query.confidenceBucket = bucket;
    query.filter.from = T0;
    query.filter.to = T0.addDays(1);
    m_page->showQuery(query);
    QCOMPARE(m_page->query(), query);
    QCOMPARE(m_page->controls()->kindBox()->currentData().toInt(), kind);
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->query(), query);
    QCOMPARE(shownRows(), expected);
}

void TestReviewPage::headerClickSortsInTheStore()
{
    QHeaderView* header = m_page->table()->horizontalHeader();
    const auto click = [&](int column) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                header->height() / 2));
    };
    click(ReviewQueueModel::Confidence);
    QCOMPARE(m_page->query().sort, ReviewQueueQuery::SortKey::Confidence);
    QVERIFY(waitIdle());
    QList<double> confidences;
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        confidences << *m_page->model()->summary(row).confidence;
    QList<double> sorted = confidences;
    std::sort(sorted.begin(), sorted.end());
    if (m_page->query().descending)
        std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(confidences, sorted);
    QCOMPARE(confidences.size(), 6);

    const ReviewQueueQuery before = m_page->query();
    click(ReviewQueueModel::User); // not sortable in the store: nothing changes
    QCOMPARE(m_page->query(), before);
    QCOMPARE(header->sortIndicatorSection(), int(ReviewQueueModel::Confidence));
}

void TestReviewPage::upAndDownMoveThroughTheQueue()
{
    select(7);
    QCOMPARE(m_page->table()->currentIndex().row(), 0);
    QTest::keyClick(m_page->table(), Qt::Key_Down);
    QCOMPARE(m_page->table()->currentIndex().row(), 1);
    QCOMPARE(m_page->form()->interaction(), m_ids[5]);
    QVERIFY(waitIdle());
    QVERIFY(m_page->detailView()->toPlainText().contains(Rows[5].query));
    QTest::keyClick(m_page->table(), Qt::Key_Up);
    QCOMPARE(m_page->table()->currentIndex().row(), 0);
    QCOMPARE(m_page->form()->interaction(), m_ids[7]);

    // In the comment the arrow keys move the text cursor, not the queue.
    auto* comment = m_page->form()->findChild<QPlainTextEdit*>();
    comment->setPlainText(QStringLiteral("first line\nsecond line"));
    comment->setFocus();
    QTRY_VERIFY(comment->hasFocus());
    QTest::keyClick(comment, Qt::Key_Up);
    QCOMPARE(m_page->table()->currentIndex().row(), 0);
    QCOMPARE(comment->textCursor().blockNumber(), 0);
}

void TestReviewPage::loadErrorEmitsStoreErrorAndKeepsRows()
{
    QSignalSpy errors(m_page.get(), &DashboardPage::storeError);
    m_db->execScript(QStringLiteral("DROP TABLE chat_feedbacks"));
    m_page->reload();
    QVERIFY(errors.wait(20000));
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 6);
}

void TestReviewPage::selectionOutlivesItsPageAndJumpsShowOnceLoaded()
{
    QList<InteractionRecord> older;
    for (int i = 0; i < 40; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("older");
        r.query = QStringLiteral("older question %1").arg(i);
        r.answer = QStringLiteral("answer");
        r.confidence = 0.1;
        r.createdAt = T0.addSecs(-60 * (i + 1));
        older << r;
    }
    QVERIFY(InteractionRecorder(m_store).recordBatch(older).ok());
    // Hidden, so that no painting reads rows: only the test decides which pages are in use.
    m_page->hide();
    m_page->model()->setPageSize(4);
    m_page->model()->setCacheLimit(12);
    m_page->reload();
    QVERIFY(waitIdle());
    m_page->table()->setCurrentIndex(m_page->model()->index(0, 0));
    QCOMPARE(m_page->form()->interaction(), m_ids[7]);
    QVERIFY(waitIdle());

    while (m_page->model()->canFetchMore({})) {
        m_page->model()->fetchMore({});
        QVERIFY(waitIdle());
    }
    QCOMPARE(m_page->model()->rowCount(), 6 + 40);
    QVERIFY(!m_page->model()->isHeld(0) && !m_page->model()->isHeld(1));
    // The selected interaction stays in the form and the detail though its page was dropped.
    QCOMPARE(m_page->form()->interaction(), m_ids[7]);
    QVERIFY(m_page->detailView()->toPlainText().contains(Rows[7].query));

    // A row whose page is not held yet shows as soon as its page is back.
    m_page->table()->setCurrentIndex(m_page->model()->index(1, 0));
    QTRY_COMPARE(m_page->form()->interaction(), m_ids[5]);
    QVERIFY(waitIdle());
    QVERIFY(m_page->detailView()->toPlainText().contains(Rows[5].query));
}

QTEST_MAIN(TestReviewPage)
#include "tst_reviewpage.moc"
