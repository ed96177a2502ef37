// Working a saved queue on the Review page, offscreen with real widgets and real key presses
// against a real store: pick a queue, claim (a lease row for this profile's reviewer), save or
// skip (the lease goes, the next item comes), blind verdicts, seconds spent.
#include "connectionprofiles.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "guitest.h"
#include "models/reviewqueuemodel.h"
#include "pages/reviewpage.h"
#include "review/claimservice.h"
#include "review/queuefilterfields.h"
#include "review/queuesdialog.h"
#include "review/queueworkbar.h"
#include "review/savedqueuestore.h"
#include "store/sqldialect.h"
#include "testdatabase.h"
#include "widgets/interactiondetailview.h"
#include "widgets/reviewform.h"
#include "widgets/reviewqueuecontrols.h"
#include "widgets/reviewqueuetable.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

using namespace RagScope;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());
const QString ProfileReviewer = QStringLiteral("profile-reviewer");

} // namespace

class TestQueueWork : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pickingAQueueAndNextClaimsForTheProfilesReviewer();
    void ctrlEnterSavesWithSecondsReleasesAndAdvances();
    void sSkipsReleasesAndAdvances();
    void blindQueueHidesOtherVerdictsUntilYouSaved();
    void theLastItemLeavesNothingToClaim();
    void noQueueKeepsFreeBrowsing();
    void aQueueSavedInTheDialogKeepsItsRollingWindowAndRangeAndIsOffered();

private:
    bool waitIdle() const
    {
        return QTest::qWaitFor([this] { return !m_page->isBusy(); }, 20000);
    }
    SavedQueue makeQueue(const QString& name, int k, bool blind);
    void work(const QString& queueName);
    void pressNext();
    QStringList holders(const SavedQueue& queue, const QUuid& item) const
    {
        return ClaimService(m_store).holders(queue, item).value();
    }
    QVariant secondsSpent(const QUuid& item) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    QList<QUuid> m_ids; ///< newest first: the queue's order
    SavedQueue m_queue;
    SavedQueue m_double; ///< k = 2, blind
    std::unique_ptr<ReviewPage> m_page;
};

void TestQueueWork::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_queuework"));
    qputenv("USER", "os-user");
}

void TestQueueWork::init()
{
    QSettings().clear();
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    m_ids.clear();
    const QStringList queries { QStringLiteral("How do I get a refund for a digital order?"),
        QStringLiteral("Is the API rate limited on the free plan?"),
        QStringLiteral("Which regions does the EU data residency cover?") };
    for (int i = 0; i < 3; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("u%1").arg(i);
        r.query = queries[i];
        r.answer = QStringLiteral("An answer that cites the help centre (%1).").arg(i + 1);
        r.model = QStringLiteral("gemini-1.5-flash");
        r.confidence = 0.2;
        r.createdAt = T0.addSecs(-60 * (i + 1));
        m_ids << Test::recordInteraction(m_store, r);
    }
    m_queue = makeQueue(QStringLiteral("triage"), 1, true);
    m_double = makeQueue(QStringLiteral("double"), 2, true);
    // The profile's own reviewer name: claims and saves use it, not the role or OS user.
    ConnectionProfiles::setReviewer(m_store->location(), ProfileReviewer);

    m_page = std::make_unique<ReviewPage>();
    m_page->resize(1200, 800);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->setContext({ m_store, m_page->context().filter });
    QVERIFY(waitIdle());
    QCOMPARE(m_page->form()->reviewer(), ProfileReviewer);
}

void TestQueueWork::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_db.reset();
}

SavedQueue TestQueueWork::makeQueue(const QString& name, int k, bool blind)
{
    SavedQueue q;
    q.name = name;
    q.query.kind = ReviewQueueQuery::Kind::All;
    q.reviewsPerItem = k;
    q.blind = blind;
    q.createdBy = QStringLiteral("lead");
    return SavedQueueStore(m_store).create(q).value();
}

void TestQueueWork::work(const QString& queueName)
{
    m_page->workBar()->selectQueue(queueName);
    QVERIFY(m_page->workBar()->queue().has_value());
    QCOMPARE(m_page->workBar()->queue()->name, queueName);
    QVERIFY(waitIdle());
    QVERIFY(!m_page->controls()->isEnabled()); // the queue's own filter is shown
    m_page->table()->setFocus(); // the page's keys work wherever the focus is on it
    QTRY_VERIFY(m_page->table()->hasFocus());
}

void TestQueueWork::pressNext()
{
    QVERIFY(m_page->workBar()->nextButton()->isEnabled());
    QTest::mouseClick(m_page->workBar()->nextButton(), Qt::LeftButton);
    QVERIFY(waitIdle());
}

QVariant TestQueueWork::secondsSpent(const QUuid& item) const
{
    const SqlDialect d(m_store->dialect());
    auto result
        = m_store->exec(QStringLiteral("SELECT seconds_spent FROM ragscope_reviews WHERE interaction_id = %1")
                            .arg(d.uuidParam()),
            { d.bindUuid(item) });
    if (!result.ok())
        return QString(QStringLiteral("failed: ") + result.error().message);
    QSqlQuery q = std::move(result).value();
    return q.next() ? q.value(0) : QVariant(QStringLiteral("no row"));
}

void TestQueueWork::pickingAQueueAndNextClaimsForTheProfilesReviewer()
{
    const auto* picker = m_page->workBar()->picker();
    QCOMPARE(picker->count(), 3); // none, "double", "triage"
    QVERIFY(!m_page->workBar()->nextButton()->isEnabled());
    work(QStringLiteral("triage"));
    QVERIFY2(m_page->workBar()->progressText().startsWith(QLatin1String("0 of 3 reviewed")),
        qPrintable(m_page->workBar()->progressText()));
    pressNext();
    QCOMPARE(m_page->form()->interaction(), m_ids[0]);
    QCOMPARE(m_page->detailView()->interaction(), m_ids[0]);
    QCOMPARE(holders(m_queue, m_ids[0]), QStringList { ProfileReviewer });
    QVERIFY2(QRegularExpression(QStringLiteral("^Lease: 1[45]:\\d\\d left$"))
                 .match(m_page->workBar()->leaseText())
                 .hasMatch(),
        qPrintable(m_page->workBar()->leaseText()));
    // N claims too, and renews the same lease rather than taking a second item.
    QTest::keyClick(m_page->table(), Qt::Key_N);
    QVERIFY(waitIdle());
    QCOMPARE(m_page->form()->interaction(), m_ids[0]);
    QCOMPARE(Test::countRows(*m_store, QStringLiteral("ragscope_review_leases")), qint64(1));
}

void TestQueueWork::ctrlEnterSavesWithSecondsReleasesAndAdvances()
{
    work(QStringLiteral("triage"));
    pressNext();
    QCOMPARE(m_page->form()->interaction(), m_ids[0]);
    QTest::keyClick(m_page->table(), Qt::Key_4);
    QTest::keyClick(m_page->table(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(waitIdle());

    const auto saved = ReviewService(m_store).history(m_ids[0]);
    QVERIFY(saved.ok());
    QCOMPARE(saved->size(), 1);
    QCOMPARE(saved->first().reviewer, ProfileReviewer);
    QCOMPARE(saved->first().queueId, m_queue.id);
    QCOMPARE(saved->first().rating, 4);
    const QVariant seconds = secondsSpent(m_ids[0]);
    QVERIFY2(!seconds.isNull() && seconds.toInt() >= 1, qPrintable(seconds.toString()));
    QVERIFY(holders(m_queue, m_ids[0]).isEmpty()); // released with the save
    // … and the next item is claimed and shown.
    QCOMPARE(m_page->form()->interaction(), m_ids[1]);
    QCOMPARE(holders(m_queue, m_ids[1]), QStringList { ProfileReviewer });
    QVERIFY2(
        m_page->workBar()->progressText().startsWith(QStringLiteral("1 of 3 reviewed · today 1 · mine 1")),
        qPrintable(m_page->workBar()->progressText()));
    // The README's picture of a queue being worked (RAGSCOPE_SCREENSHOT_DIR keeps it).
    QTemporaryDir scratch;
    QVERIFY(Test::renderSettled(m_page.get())
                .save(Test::screenshotPath(scratch, QStringLiteral("review-queue-work"))));
}

void TestQueueWork::sSkipsReleasesAndAdvances()
{
    work(QStringLiteral("triage"));
    pressNext();
    QCOMPARE(m_page->form()->interaction(), m_ids[0]);
    QTest::keyClick(m_page->table(), Qt::Key_S);
    QVERIFY(waitIdle());
    QVERIFY(holders(m_queue, m_ids[0]).isEmpty());
    QCOMPARE(m_page->form()->interaction(), m_ids[1]);
    QCOMPARE(holders(m_queue, m_ids[1]), QStringList { ProfileReviewer });
    QCOMPARE(ReviewService(m_store).history(m_ids[0])->size(), 0); // nothing saved
}

void TestQueueWork::blindQueueHidesOtherVerdictsUntilYouSaved()
{
    const SavedQueue& twice = m_double;
    const ClaimService claims(m_store);
    QCOMPARE(claims.claimNext(twice, QStringLiteral("other")).value()->interactionId, m_ids[0]);
    QVERIFY(claims
                .save(twice,
                    ReviewInput { m_ids[0], QStringLiteral("other"), 1, {}, QStringLiteral("OTHER-VERDICT"),
                        {}, false, 30 })
                .ok());
    work(QStringLiteral("double"));
    pressNext();
    QCOMPARE(m_page->form()->interaction(), m_ids[0]); // k = 2: still open to a second reviewer
    QVERIFY(m_page->table()->isColumnHidden(ReviewQueueModel::Review)); // nor the newest verdict
    QVERIFY2(!m_page->detailView()->toPlainText().contains(QLatin1String("OTHER-VERDICT")),
        qPrintable(m_page->detailView()->toPlainText()));

    QTest::keyClick(m_page->table(), Qt::Key_5);
    QTest::keyClick(m_page->table(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(waitIdle());
    QCOMPARE(m_page->form()->interaction(), m_ids[1]);
    // Back on the first item, having saved: the other verdict shows.
    m_page->table()->setCurrentIndex(m_page->model()->index(m_page->model()->rowOf(m_ids[0]), 0));
    QVERIFY(waitIdle());
    QCOMPARE(m_page->detailView()->interaction(), m_ids[0]);
    QVERIFY2(m_page->detailView()->toPlainText().contains(QLatin1String("OTHER-VERDICT")),
        qPrintable(m_page->detailView()->toPlainText()));
}

void TestQueueWork::theLastItemLeavesNothingToClaim()
{
    work(QStringLiteral("triage"));
    pressNext();
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(m_page->form()->interaction(), m_ids[i]);
        QTest::keyClick(m_page->table(), Qt::Key_S);
        QVERIFY(waitIdle());
    }
    QVERIFY(m_page->form()->interaction().isNull());
    QCOMPARE(m_page->workBar()->leaseText(), QStringLiteral("Nothing left for you in this queue"));
    QVERIFY2(
        m_page->detailView()->toPlainText().contains(QLatin1String("Nothing left for you in this queue.")),
        qPrintable(m_page->detailView()->toPlainText()));
}

void TestQueueWork::noQueueKeepsFreeBrowsing()
{
    work(QStringLiteral("triage"));
    m_page->workBar()->selectQueue({});
    QVERIFY(waitIdle());
    QVERIFY(!m_page->workBar()->queue());
    QVERIFY(m_page->controls()->isEnabled());
    QVERIFY(!m_page->table()->isColumnHidden(ReviewQueueModel::Review));
    m_page->table()->setCurrentIndex(m_page->model()->index(0, 0));
    m_page->table()->setFocus();
    QVERIFY(waitIdle());
    const QUuid first = m_page->form()->interaction();
    QTest::keyClick(m_page->table(), Qt::Key_S); // s moves on, claims nothing
    QVERIFY(waitIdle());
    QVERIFY(m_page->form()->interaction() != first);
    QCOMPARE(Test::countRows(*m_store, QStringLiteral("ragscope_review_leases")), qint64(0));
    // A save while browsing is a plain review: no queue, no seconds.
    QTest::keyClick(m_page->table(), Qt::Key_3);
    const QUuid reviewed = m_page->form()->interaction();
    QTest::keyClick(m_page->table(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(waitIdle());
    QVERIFY(ReviewService(m_store).history(reviewed)->first().queueId.isNull());
    QVERIFY(secondsSpent(reviewed).isNull());
}

void TestQueueWork::aQueueSavedInTheDialogKeepsItsRollingWindowAndRangeAndIsOffered()
{
    m_page->findChild<QAction*>(QStringLiteral("reviewQueues"))->trigger();
    auto* dialog = m_page->findChild<QueuesDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000));
    dialog->findChild<QLineEdit*>()->setText(QStringLiteral("fresh"));
    QueueFilterFields* fields = dialog->filterFields();
    fields->lastDaysBox()->setValue(7);
    fields->minConfidenceBox()->setValue(0.1);
    fields->maxConfidenceBox()->setValue(0.3);
    fields->labelField()->setText(QStringLiteral("hallucination"));
    dialog->findChild<QSpinBox*>(QStringLiteral("leaseMinutes"))->setValue(5);
    dialog->findChild<QCheckBox*>(QStringLiteral("blind"))->setChecked(false);
    dialog->saveAsQueue();
    QTRY_VERIFY(dialog->message().contains(QStringLiteral("saved")));
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000));
    const auto stored = SavedQueueStore(m_store).byName(QStringLiteral("fresh"));
    QVERIFY(stored.ok());
    QCOMPARE(stored->query.lastDays, std::optional<int>(7));
    QVERIFY(!stored->query.filter.from.isValid()); // relative, not the page's fixed window
    QCOMPARE(stored->query.minConfidence, std::optional<double>(0.1));
    QCOMPARE(stored->query.maxConfidence, std::optional<double>(0.3));
    QCOMPARE(stored->query.label, QStringLiteral("hallucination"));
    QCOMPARE(stored->leaseSeconds, 300);
    QVERIFY(!stored->blind);
    // Closing the dialog offers the new queue in the page's picker.
    dialog->reject();
    QVERIFY(waitIdle());
    QCOMPARE(m_page->workBar()->picker()->count(), 4);
    QVERIFY(m_page->workBar()->picker()->findText(QStringLiteral("fresh")) > 0); // not "(blind)"
}

QTEST_MAIN(TestQueueWork)
#include "tst_queuework.moc"
