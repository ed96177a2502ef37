#include "guitest.h"
#include "widgets/reviewform.h"
#include "widgets/reviewsettings.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace RagScope;

namespace {

const QUuid InteractionA = QUuid::fromString(QStringLiteral("{5b7c1d0e-1111-4a2b-9c3d-000000000001}"));
const QUuid InteractionB = QUuid::fromString(QStringLiteral("{5b7c1d0e-1111-4a2b-9c3d-000000000002}"));
const QString ThumbsUp = QString::fromUtf8("\xF0\x9F\x91\x8D"); // U+1F44D, two UTF-16 units

QString repeated(const QString& unit, int times)
{
    QString out;
    for (int i = 0; i < times; ++i)
        out += unit;
    return out;
}

} // namespace

/// ReviewForm on its own: the live counter, inline validation, keyboard ratings, and that
/// nothing typed is lost until a save succeeds.
class TestReviewForm : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void counterCountsCodePoints_data();
    void counterCountsCodePoints();
    void commentLimitIsEnforcedInline_data();
    void commentLimitIsEnforcedInline();
    void ratingKeysSetTheRating_data();
    void ratingKeysSetTheRating();
    void digitsTypedInTheCommentStayText();
    void ctrlEnterSavesTheDraft();
    void missingRatingShowsErrorAndRefusesSave();
    void failedSaveKeepsEverythingTyped();
    void successfulSaveClearsTheForm();
    void readOnlyReasonDisablesSaving();
    void draftSurvivesMovingToAnotherInteraction();
    void labelsComeFromSettings();
    void reviewerDefaultsToTheOsUser();

private:
    QPushButton* saveButton() const { return m_form->findChild<QPushButton*>(); }
    QPlainTextEdit* commentEdit() const { return m_form->findChild<QPlainTextEdit*>(); }
    QString counterText() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ReviewForm> m_form;
};

void TestReviewForm::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewform"));
    qputenv("USER", "os-user");
}

void TestReviewForm::init()
{
    QSettings().clear();
    m_form = std::make_unique<ReviewForm>();
    m_form->resize(500, 400);
    m_form->show();
    m_form->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_form.get()));
    m_form->setInteraction(InteractionA);
}

void TestReviewForm::cleanup()
{
    m_form.reset();
}

QString TestReviewForm::counterText() const
{
    const QList<QLabel*> labels = m_form->findChildren<QLabel*>();
    for (const QLabel* label : labels) {
        if (label->accessibleName() == QLatin1String("Comment length"))
            return label->text();
    }
    return {};
}

void TestReviewForm::counterCountsCodePoints_data()
{
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("counter");
    QTest::newRow("empty") << QString() << QStringLiteral("0 / 2000");
    QTest::newRow("ascii") << QStringLiteral("hello") << QStringLiteral("5 / 2000");
    QTest::newRow("one emoji counts once") << ThumbsUp << QStringLiteral("1 / 2000");
    QTest::newRow("text and emoji") << QString(QStringLiteral("ok ") + ThumbsUp)
                                    << QStringLiteral("4 / 2000");
    QTest::newRow("accented letter") << QString::fromUtf8("caf\xC3\xA9") << QStringLiteral("4 / 2000");
}

void TestReviewForm::counterCountsCodePoints()
{
    QFETCH(QString, comment);
    QFETCH(QString, counter);
    commentEdit()->setPlainText(comment);
    QCOMPARE(counterText(), counter);
}

void TestReviewForm::commentLimitIsEnforcedInline_data()
{
    QTest::addColumn<QString>("comment");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("2000 letters") << repeated(QStringLiteral("a"), 2000) << true;
    QTest::newRow("2001 letters") << repeated(QStringLiteral("a"), 2001) << false;
    QTest::newRow("2000 emoji (4000 UTF-16 units)") << repeated(ThumbsUp, 2000) << true;
    QTest::newRow("2001 emoji") << repeated(ThumbsUp, 2001) << false;
}

void TestReviewForm::commentLimitIsEnforcedInline()
{
    QFETCH(QString, comment);
    QFETCH(bool, accepted);
    QSignalSpy requests(m_form.get(), &ReviewForm::saveRequested);
    m_form->setRating(2);
    commentEdit()->setPlainText(comment);

    QCOMPARE(m_form->message().isEmpty(), accepted);
    QCOMPARE(saveButton()->isEnabled(), accepted);
    QCOMPARE(m_form->canSave(), accepted);
    if (!accepted)
        QVERIFY2(m_form->message().contains(QLatin1String("2001")), qPrintable(m_form->message()));

    m_form->saveAction()->trigger();
    QCOMPARE(requests.count(), accepted ? 1 : 0);
    QCOMPARE(m_form->comment(), comment); // refused or pending: the text stays
}

void TestReviewForm::ratingKeysSetTheRating_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("rating");
    for (int rating = 1; rating <= 5; ++rating)
        QTest::addRow("key %d", rating) << int(Qt::Key_1) + rating - 1 << rating;
}

void TestReviewForm::ratingKeysSetTheRating()
{
    QFETCH(int, key);
    QFETCH(int, rating);
    QComboBox* label = m_form->findChild<QComboBox*>();
    label->setFocus();
    QTRY_VERIFY(label->hasFocus());
    QTest::keyClick(label, Qt::Key(key));
    QCOMPARE(m_form->rating(), rating);
}

void TestReviewForm::digitsTypedInTheCommentStayText()
{
    commentEdit()->setFocus();
    QTRY_VERIFY(commentEdit()->hasFocus());
    QTest::keyClicks(commentEdit(), QStringLiteral("top 3"));
    QCOMPARE(m_form->comment(), QStringLiteral("top 3"));
    QCOMPARE(m_form->rating(), 0);
}

void TestReviewForm::ctrlEnterSavesTheDraft()
{
    QSignalSpy requests(m_form.get(), &ReviewForm::saveRequested);
    m_form->setRating(1);
    m_form->findChild<QComboBox*>()->setCurrentIndex(1);
    commentEdit()->setFocus();
    QTRY_VERIFY(commentEdit()->hasFocus());
    QTest::keyClicks(commentEdit(), QStringLiteral("made up a source"));
    QTest::keyClick(commentEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requests.count(), 1);
    const auto draft = requests.first().first().value<ReviewDraft>();
    QCOMPARE(draft.interactionId, InteractionA);
    QCOMPARE(draft.rating, 1);
    QCOMPARE(draft.label, QStringLiteral("hallucination"));
    QCOMPARE(draft.comment, QStringLiteral("made up a source"));
    QCOMPARE(draft.reviewer, QStringLiteral("os-user"));
    QVERIFY(!saveButton()->isEnabled()); // no second save while this one runs
}

void TestReviewForm::missingRatingShowsErrorAndRefusesSave()
{
    QSignalSpy requests(m_form.get(), &ReviewForm::saveRequested);
    commentEdit()->setPlainText(QStringLiteral("no rating yet"));
    m_form->save();
    QCOMPARE(requests.count(), 0);
    QVERIFY2(m_form->message().contains(QLatin1String("rating")), qPrintable(m_form->message()));
    QCOMPARE(m_form->comment(), QStringLiteral("no rating yet"));
    m_form->setRating(3);
    QVERIFY(m_form->message().isEmpty()); // fixed: the error goes away
}

void TestReviewForm::failedSaveKeepsEverythingTyped()
{
    m_form->setRating(2);
    m_form->findChild<QComboBox*>()->setCurrentIndex(2);
    commentEdit()->setPlainText(QStringLiteral("missed the manual"));
    m_form->save();
    m_form->saveFailed(InteractionA, QStringLiteral("the store went away"));
    QCOMPARE(m_form->message(), QStringLiteral("the store went away"));
    QCOMPARE(m_form->rating(), 2);
    QCOMPARE(m_form->label(), QStringLiteral("retrieval miss"));
    QCOMPARE(m_form->comment(), QStringLiteral("missed the manual"));
    QVERIFY(saveButton()->isEnabled());
}

void TestReviewForm::successfulSaveClearsTheForm()
{
    m_form->setRating(5);
    commentEdit()->setPlainText(QStringLiteral("fine"));
    m_form->save();
    m_form->saveSucceeded(InteractionA);
    QCOMPARE(m_form->rating(), 0);
    QCOMPARE(m_form->comment(), QString());
    QCOMPARE(m_form->label(), QString());
    QCOMPARE(counterText(), QStringLiteral("0 / 2000"));
}

void TestReviewForm::readOnlyReasonDisablesSaving()
{
    QSignalSpy requests(m_form.get(), &ReviewForm::saveRequested);
    m_form->setRating(4);
    m_form->setReadOnlyReason(QStringLiteral("this store is read-only"));
    QCOMPARE(m_form->message(), QStringLiteral("this store is read-only"));
    QVERIFY(!saveButton()->isEnabled());
    m_form->save();
    QCOMPARE(requests.count(), 0);
    QCOMPARE(m_form->rating(), 4);
}

void TestReviewForm::draftSurvivesMovingToAnotherInteraction()
{
    m_form->setRating(1);
    commentEdit()->setPlainText(QStringLiteral("draft for A"));
    m_form->setInteraction(InteractionB);
    QCOMPARE(m_form->rating(), 0);
    QCOMPARE(m_form->comment(), QString());
    m_form->setInteraction(InteractionA);
    QCOMPARE(m_form->rating(), 1);
    QCOMPARE(m_form->comment(), QStringLiteral("draft for A"));
}

void TestReviewForm::labelsComeFromSettings()
{
    const QComboBox* defaults = m_form->findChild<QComboBox*>();
    QCOMPARE(defaults->count(), 1 + 5);
    QCOMPARE(defaults->itemData(5).toString(), QStringLiteral("good answer"));

    ReviewSettings::setLabels({ QStringLiteral("tone"), QStringLiteral("unsafe") });
    const ReviewForm configured;
    const QComboBox* labels = configured.findChild<QComboBox*>();
    QCOMPARE(labels->count(), 3);
    QCOMPARE(labels->itemData(0).toString(), QString());
    QCOMPARE(labels->itemData(1).toString(), QStringLiteral("tone"));
    QCOMPARE(labels->itemData(2).toString(), QStringLiteral("unsafe"));
}

void TestReviewForm::reviewerDefaultsToTheOsUser()
{
    QCOMPARE(m_form->reviewer(), QStringLiteral("os-user"));
    QSignalSpy edited(m_form.get(), &ReviewForm::reviewerEdited);
    m_form->setReviewer(QStringLiteral("profile-name")); // the page's resolved name: not an edit
    QCOMPARE(m_form->reviewer(), QStringLiteral("profile-name"));
    auto* field = m_form->findChild<QLineEdit*>();
    QVERIFY(field);
    QCOMPARE(field->text(), QStringLiteral("profile-name"));
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("quality-team"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.first().at(0).toString(), QStringLiteral("quality-team"));
    QCOMPARE(m_form->draft().reviewer, QStringLiteral("quality-team"));
}

QTEST_MAIN(TestReviewForm)
#include "tst_reviewform.moc"
