// The Review page without the mouse: j/k, 1–5, the team's label keys, Ctrl+Enter (save and
// move on), s, u, ? and F1, on real widgets with real key presses, against a real store.
#include "connectionprofiles.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "guitest.h"
#include "models/reviewqueuemodel.h"
#include "pages/reviewpage.h"
#include "review/labelseditordialog.h"
#include "review/labelstore.h"
#include "review/queueagreementservice.h"
#include "review/queuesdialog.h"
#include "review/savedqueuestore.h"
#include "testdatabase.h"
#include "widgets/reviewform.h"
#include "widgets/reviewqueuetable.h"
#include "widgets/shortcutsheet.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace RagScope;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());
const QString Reviewer = QStringLiteral("key-tester");

} // namespace

class TestReviewKeys : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void jAndKMoveAndCtrlEnterSavesAndMovesOn();
    void labelKeysPickTheTeamsLabels();
    void sSkipsWithoutSaving();
    void uUndoesTheLastSaveAsAHistoryRow();
    void questionMarkAndF1ShowEveryKey();
    void lettersTypedInTheCommentStayText();
    void labelsEditorSavesForTheTeamAndTheNewKeyWorks();
    void labelsEditorRefusesABadColourAndWritesNothing();
    void queuesDialogShowsProgressAgreementAndDisagreements();
    void queuesDialogSavesTheCurrentFiltersAsAQueue();

private:
    bool waitIdle() const
    {
        return QTest::qWaitFor([this] { return !m_page->isBusy(); }, 20000);
    }
    QUuid idAt(int row) const { return m_page->model()->summary(row).id; }
    int currentRow() const { return m_page->table()->currentIndex().row(); }
    void selectRow(int row);
    LabelsEditorDialog* openEditor();
    QueuesDialog* openQueues();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    std::unique_ptr<ReviewPage> m_page;
};

void TestReviewKeys::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewkeys"));
    qputenv("USER", Reviewer.toUtf8());
}

void TestReviewKeys::init()
{
    QSettings().clear();
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    ConnectionProfiles::setReviewer(m_store->location(), Reviewer); // else the role on PostgreSQL
    for (int i = 0; i < 3; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("u%1").arg(i);
        r.query = QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("answer %1").arg(i);
        r.confidence = 0.2; // low confidence: all three in the default queue
        r.createdAt = T0.addSecs(60 * i);
        Test::recordInteraction(m_store, r);
    }
    LabelSet team;
    team.labels = { ReviewLabel { QStringLiteral("hallucination"), QStringLiteral("made up"),
                        QStringLiteral("#aa00ff"), QStringLiteral("h") },
        ReviewLabel { QStringLiteral("outdated"), {}, QStringLiteral("#0000aa"), QStringLiteral("o") } };
    team.ratingWording = { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
        QStringLiteral("5") };
    QVERIFY(LabelStore(m_store).save(team).ok());

    m_page = std::make_unique<ReviewPage>();
    m_page->resize(1200, 800);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->setContext({ m_store, m_page->context().filter });
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 3);
    selectRow(0);
}

void TestReviewKeys::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_db.reset();
}

void TestReviewKeys::selectRow(int row)
{
    m_page->table()->setCurrentIndex(m_page->model()->index(row, 0));
    m_page->table()->setFocus();
    QTRY_VERIFY(m_page->table()->hasFocus());
    QVERIFY(waitIdle());
}

void TestReviewKeys::jAndKMoveAndCtrlEnterSavesAndMovesOn()
{
    QTest::keyClick(m_page->table(), Qt::Key_J);
    QCOMPARE(currentRow(), 1);
    QTest::keyClick(m_page->table(), Qt::Key_J);
    QCOMPARE(currentRow(), 2);
    QTest::keyClick(m_page->table(), Qt::Key_K);
    QTest::keyClick(m_page->table(), Qt::Key_K);
    QCOMPARE(currentRow(), 0);
    QCOMPARE(m_page->form()->interaction(), idAt(0));

    QTest::keyClick(m_page->table(), Qt::Key_4);
    QTest::keyClick(m_page->table(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(currentRow(), 1);
    QVERIFY(waitIdle());
    const auto saved = ReviewService(m_store).history(idAt(0));
    QCOMPARE(saved.value().size(), 1);
    QCOMPARE(saved.value().first().rating, 4);
    QCOMPARE(saved.value().first().reviewer, Reviewer);
    QCOMPARE(m_page->form()->interaction(), idAt(1));
}

void TestReviewKeys::labelKeysPickTheTeamsLabels()
{
    auto* labels = m_page->form()->findChild<QComboBox*>();
    QCOMPARE(labels->count(), 3); // "No label" and the team's two
    QCOMPARE(labels->itemData(1).toString(), QStringLiteral("hallucination"));
    QTest::keyClick(m_page->table(), Qt::Key_H);
    QCOMPARE(m_page->form()->label(), QStringLiteral("hallucination"));
    QTest::keyClick(m_page->table(), Qt::Key_O);
    QCOMPARE(m_page->form()->label(), QStringLiteral("outdated"));
    QTest::keyClick(m_page->table(), Qt::Key_2);
    QTest::keyClick(m_page->table(), Qt::Key_Enter, Qt::ControlModifier);
    QTRY_COMPARE(currentRow(), 1);
    QVERIFY(waitIdle());
    QCOMPARE(ReviewService(m_store).history(idAt(0)).value().first().label, QStringLiteral("outdated"));
}

void TestReviewKeys::sSkipsWithoutSaving()
{
    QTest::keyClick(m_page->table(), Qt::Key_3);
    QTest::keyClick(m_page->table(), Qt::Key_S);
    QCOMPARE(currentRow(), 1);
    QVERIFY(waitIdle());
    for (int row = 0; row < 3; ++row)
        QVERIFY(ReviewService(m_store).history(idAt(row)).value().isEmpty());
}

void TestReviewKeys::uUndoesTheLastSaveAsAHistoryRow()
{
    QTest::keyClick(m_page->table(), Qt::Key_5);
    QTest::keyClick(m_page->table(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(currentRow(), 1);
    QVERIFY(waitIdle());
    QTest::keyClick(m_page->table(), Qt::Key_K);
    QVERIFY(waitIdle());
    QTest::keyClick(m_page->table(), Qt::Key_U);
    QTRY_COMPARE(m_page->form()->message(), QStringLiteral("Your last save on this interaction is undone."));
    QVERIFY(waitIdle());
    const ReviewService reviews(m_store);
    QCOMPARE(reviews.history(idAt(0)).value().size(), 2); // the save and its undo
    QVERIFY(reviews.latestPerReviewer(idAt(0)).value().isEmpty());
    // nothing left to undo: said inline, nothing written
    QTest::keyClick(m_page->table(), Qt::Key_U);
    QTRY_VERIFY(m_page->form()->message().contains(QStringLiteral("to undo")));
    QVERIFY(waitIdle());
    QCOMPARE(reviews.history(idAt(0)).value().size(), 2);
}

void TestReviewKeys::questionMarkAndF1ShowEveryKey()
{
    QVERIFY(!m_page->shortcutSheet());
    QTest::keyClick(m_page->table(), Qt::Key_F1);
    QVERIFY(m_page->shortcutSheet());
    QTRY_VERIFY(m_page->shortcutSheet()->isVisible());
    const QString text = m_page->shortcutSheet()->text();
    for (const char* key : { "K or Up", "J or Down", "S —", "U —", "? or F1", "Ctrl+Return", "Ctrl+F", "H —",
             "O —", "1 —", "5 —" })
        QVERIFY2(text.contains(QString::fromUtf8(key)),
            qPrintable(QLatin1String(key) + QStringLiteral(" in:\n") + text));
    QTest::keyClick(m_page->shortcutSheet(), Qt::Key_Escape);
    QTRY_VERIFY(!m_page->shortcutSheet()->isVisible());
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), '?');
    QTRY_VERIFY(m_page->shortcutSheet()->isVisible());
}

void TestReviewKeys::lettersTypedInTheCommentStayText()
{
    auto* comment = m_page->form()->findChild<QPlainTextEdit*>();
    comment->setFocus();
    QTRY_VERIFY(comment->hasFocus());
    QTest::keyClicks(comment, QStringLiteral("jksuh?"));
    QCOMPARE(comment->toPlainText(), QStringLiteral("jksuh?"));
    QCOMPARE(currentRow(), 0);
    QCOMPARE(m_page->form()->label(), QString());
    QVERIFY(!m_page->shortcutSheet());
}

LabelsEditorDialog* TestReviewKeys::openEditor()
{
    auto* action = m_page->findChild<QAction*>(QStringLiteral("editLabels"));
    if (!action)
        return nullptr;
    action->trigger();
    return m_page->findChild<LabelsEditorDialog*>();
}

void TestReviewKeys::labelsEditorSavesForTheTeamAndTheNewKeyWorks()
{
    LabelsEditorDialog* editor = openEditor();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->table()->rowCount(), 2);
    QCOMPARE(editor->table()->item(0, 0)->text(), QStringLiteral("hallucination"));
    editor->table()->item(0, 3)->setText(QStringLiteral("x"));
    editor->addLabel();
    const int added = editor->table()->rowCount() - 1;
    editor->table()->item(added, 0)->setText(QStringLiteral("rude"));
    editor->table()->item(added, 2)->setText(QStringLiteral("#cc0000"));
    const QPointer<LabelsEditorDialog> open(editor);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(open.isNull()); // accepted and closed (it deletes itself)
    QVERIFY(waitIdle());

    const auto stored = LabelStore(m_store).load({});
    QVERIFY(stored.ok() && stored->fromStore);
    QCOMPARE(stored->labels.size(), 3);
    QCOMPARE(stored->labels[0].shortcutKey, QStringLiteral("x"));
    QCOMPARE(stored->labels[2].name, QStringLiteral("rude"));
    // the page offers them at once, with the new key
    QTRY_COMPARE(m_page->form()->findChild<QComboBox*>()->count(), 4);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    selectRow(0);
    QTest::keyClick(m_page->table(), Qt::Key_X);
    QCOMPARE(m_page->form()->label(), QStringLiteral("hallucination"));
    QTest::keyClick(m_page->table(), Qt::Key_H); // no longer bound
    QCOMPARE(m_page->form()->label(), QStringLiteral("hallucination"));
}

void TestReviewKeys::labelsEditorRefusesABadColourAndWritesNothing()
{
    LabelsEditorDialog* editor = openEditor();
    QVERIFY(editor);
    editor->table()->item(1, 2)->setText(QStringLiteral("blue"));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(editor->message().contains(QStringLiteral("#RRGGBB")), qPrintable(editor->message()));
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->table()->item(1, 2)->text(), QStringLiteral("blue")); // what was typed stays
    QCOMPARE(LabelStore(m_store).load({}).value().labels[1].colour, QStringLiteral("#0000aa"));
}

QueuesDialog* TestReviewKeys::openQueues()
{
    auto* action = m_page->findChild<QAction*>(QStringLiteral("reviewQueues"));
    if (!action)
        return nullptr;
    action->trigger();
    auto* dialog = m_page->findChild<QueuesDialog*>();
    if (dialog && !QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000))
        return nullptr;
    return dialog;
}

void TestReviewKeys::queuesDialogShowsProgressAgreementAndDisagreements()
{
    SavedQueue q;
    q.name = QStringLiteral("double");
    q.goal = QStringLiteral("two looks at every answer");
    q.query.kind = ReviewQueueQuery::Kind::All;
    q.reviewsPerItem = 2;
    q.createdBy = QStringLiteral("lead");
    q = SavedQueueStore(m_store).create(q).value();
    const ReviewService reviews(m_store);
    const auto save = [&](int row, const char* who, int rating) {
        ReviewInput in { idAt(row), QLatin1String(who), rating, {}, {}, q.id, false, 30 };
        QVERIFY(reviews.save(in).ok());
    };
    save(0, "ann", 1);
    save(0, "ben", 4); // 3 apart: a disagreement
    save(1, "ann", 2);
    save(1, "ben", 2);
    save(2, "ann", 5);

    QueuesDialog* dialog = openQueues();
    QVERIFY(dialog);
    QCOMPARE(dialog->queuePicker()->count(), 1);
    QCOMPARE(dialog->summary(), QStringLiteral("2 of 3 items done (2 reviews each), 3 started"));
    QCOMPARE(dialog->progressTable()->rowCount(), 2);
    QCOMPARE(dialog->progressTable()->item(0, 0)->text(), QStringLiteral("ann"));
    QCOMPARE(dialog->progressTable()->item(0, 1)->text(), QStringLiteral("3"));
    QCOMPARE(dialog->progressTable()->item(0, 4)->text(), QStringLiteral("30"));
    QCOMPARE(dialog->agreementTable()->rowCount(), 1);
    QCOMPARE(dialog->agreementTable()->item(0, 2)->text(), QStringLiteral("2"));
    QVERIFY2(dialog->agreementSummary().contains(QStringLiteral("few items overlap")),
        qPrintable(dialog->agreementSummary()));
    QCOMPARE(dialog->disagreementTable()->rowCount(), 1);
    QCOMPARE(dialog->disagreementTable()->item(0, 1)->text(), QStringLiteral("ann: 1; ben: 4"));
    QCOMPARE(dialog->disagreementTable()->item(0, 2)->text(), QStringLiteral("not adjudicated"));
    // without a selection nothing is recorded
    dialog->adjudicate(2, {}, {});
    QCOMPARE(dialog->message(), QStringLiteral("Select a disagreement first."));

    // The README's pictures: the progress tab and the agreement tab.
    auto* tabs = dialog->findChild<QTabWidget*>();
    QVERIFY(tabs);
    QVERIFY(Test::renderSettled(dialog).save(
        Test::screenshotPath(m_settingsDir, QStringLiteral("review-queue-progress"))));
    tabs->setCurrentIndex(1);
    QVERIFY(Test::renderSettled(dialog).save(
        Test::screenshotPath(m_settingsDir, QStringLiteral("review-agreement"))));

    // The adjudicator picks the row, sets a verdict and records it with the button.
    tabs->setCurrentIndex(2);
    dialog->disagreementTable()->setCurrentCell(0, 0);
    QSpinBox* rating = nullptr;
    for (QSpinBox* box : dialog->findChildren<QSpinBox*>()) {
        if (box->accessibleName() == QStringLiteral("Final rating"))
            rating = box;
    }
    QVERIFY(rating);
    rating->setValue(2);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("recordFinalVerdict")), Qt::LeftButton);
    QTRY_COMPARE(dialog->message(), QStringLiteral("Final verdict recorded."));
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000));
    QCOMPARE(dialog->disagreementTable()->item(0, 2)->text(), Reviewer + QStringLiteral(": 2"));
    const auto listed = QueueAgreementService(m_store).disagreements(q);
    QVERIFY(listed.ok() && listed->first().adjudication);
    QCOMPARE(listed->first().adjudication->reviewer, Reviewer);
}

void TestReviewKeys::queuesDialogSavesTheCurrentFiltersAsAQueue()
{
    QueuesDialog* dialog = openQueues();
    QVERIFY(dialog);
    QCOMPARE(dialog->queuePicker()->count(), 0);
    QCOMPARE(dialog->summary(), QStringLiteral("No saved queues yet."));
    auto* name = dialog->findChild<QLineEdit*>();
    QVERIFY(name);
    name->setText(QStringLiteral("low confidence"));
    dialog->saveAsQueue();
    QTRY_VERIFY(dialog->message().contains(QStringLiteral("saved")));
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000));
    QCOMPARE(dialog->queuePicker()->count(), 1);
    const auto stored = SavedQueueStore(m_store).byName(QStringLiteral("low confidence"));
    QVERIFY(stored.ok());
    QCOMPARE(stored->query.kind, m_page->query().kind);
    QCOMPARE(stored->createdBy, Reviewer);
    QCOMPARE(dialog->summary(), QStringLiteral("0 of 3 items done (1 reviews each), 0 started"));
    // the same name again is refused, said inline
    dialog->saveAsQueue();
    QTRY_VERIFY(dialog->message().contains(QStringLiteral("exists already")));
}

QTEST_MAIN(TestReviewKeys)
#include "tst_reviewkeys.moc"
