#include "feedback/feedbackservice.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using RagScope::Test::FixtureWriter;
using RagScope::Test::TestDatabase;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), QTimeZone::utc());

QUuid addInteraction(const StorePtr& store, const QDateTime& at = T0)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("what is the refund policy?");
    r.answer = QStringLiteral("30 days.");
    r.confidence = 0.4;
    r.createdAt = at;
    return Test::recordInteraction(store, r);
}

QList<QUuid> idsOf(const QList<Review>& reviews)
{
    QList<QUuid> ids;
    for (const Review& r : reviews)
        ids << r.id;
    return ids;
}

} // namespace

class TestReviewService : public QObject
{
    Q_OBJECT

private slots:
    void refusesInvalidReviewsAndWritesNothing_data();
    void refusesInvalidReviewsAndWritesNothing();
    void acceptsLongestAllowedValues();
    void unknownInteractionIsNotFound();
    void emptyLabelAndCommentAreStoredAsNull();
    void historyKeepsEverySaveNewestFirst();
    void latestPerReviewerKeepsNewestOfEachReviewer();
    void reviewsNeverTouchTheEndUsersFeedback();
    void storeWithoutReviewsTableAsksForMigration();
};

void TestReviewService::refusesInvalidReviewsAndWritesNothing_data()
{
    QTest::addColumn<QString>("reviewer");
    QTest::addColumn<int>("rating");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("comment");
    const QString ok = QStringLiteral("dana");
    QTest::newRow("rating 0") << ok << 0 << QString() << QString();
    QTest::newRow("rating 6") << ok << 6 << QString() << QString();
    QTest::newRow("rating 7") << ok << 7 << QString() << QString();
    QTest::newRow("no reviewer") << QString() << 3 << QString() << QString();
    QTest::newRow("blank reviewer") << QStringLiteral("  ") << 3 << QString() << QString();
    QTest::newRow("reviewer of 256") << QStringLiteral("r").repeated(256) << 3 << QString() << QString();
    QTest::newRow("label of 101") << ok << 3 << QStringLiteral("l").repeated(101) << QString();
    QTest::newRow("comment of 2001 emoji")
        << ok << 3 << QString() << QStringLiteral("\U0001F600").repeated(2001);
}

void TestReviewService::refusesInvalidReviewsAndWritesNothing()
{
    QFETCH(QString, reviewer);
    QFETCH(int, rating);
    QFETCH(QString, label);
    QFETCH(QString, comment);
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    const auto saved = ReviewService(store).save(interaction, reviewer, rating, label, comment);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(Test::countRows(*store, QStringLiteral("ragscope_reviews")), 0);
}

void TestReviewService::acceptsLongestAllowedValues()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    const QString reviewer = QStringLiteral("é").repeated(255);
    const QString label = QStringLiteral("\U0001F600").repeated(100);
    const QString comment = QStringLiteral("\U0001F600").repeated(2000);
    const ReviewService service(store);
    const auto saved = service.save(interaction, reviewer, 5, label, comment);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    const auto history = service.history(interaction);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->first().id, saved->id);
    QCOMPARE(history->first().reviewer, reviewer);
    QCOMPARE(history->first().label, label);
    QCOMPARE(history->first().comment, comment);
    QCOMPARE(history->first().rating, 5);
    QCOMPARE(history->first().createdAt, saved->createdAt);
}

void TestReviewService::unknownInteractionIsNotFound()
{
    TestDatabase db;
    const StorePtr store = db.open();
    addInteraction(store);
    const auto saved
        = ReviewService(store).save(QUuid::createUuid(), QStringLiteral("dana"), 2, QString(), QString());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::NotFound);
    QCOMPARE(Test::countRows(*store, QStringLiteral("ragscope_reviews")), 0);
}

void TestReviewService::emptyLabelAndCommentAreStoredAsNull()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    QVERIFY(ReviewService(store).save(interaction, QStringLiteral("dana"), 2, QString(), QString()).ok());
    auto q = store->exec(
        QStringLiteral("SELECT COUNT(*) FROM ragscope_reviews WHERE label IS NULL AND comment IS NULL"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toInt(), 1);
}

void TestReviewService::historyKeepsEverySaveNewestFirst()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    const QUuid other = addInteraction(store);
    const ReviewService service(store);
    QList<QUuid> saved;
    // Saved back to back, most within one millisecond: the order must still be the save order.
    for (int rating : { 1, 2, 4, 3 }) {
        const auto r = service.save(interaction, QStringLiteral("dana"), rating,
            QStringLiteral("hallucination"), QStringLiteral("try %1").arg(rating));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        saved.prepend(r->id);
    }
    QVERIFY(service.save(other, QStringLiteral("dana"), 5, QString(), QString()).ok());

    const auto history = service.history(interaction);
    QVERIFY(history.ok());
    QCOMPARE(idsOf(history.value()), saved);
    QCOMPARE(history->first().rating, 3);
    QCOMPARE(history->last().rating, 1);
    for (const Review& r : history.value())
        QCOMPARE(r.interactionId, interaction);
    QCOMPARE(Test::countRows(*store, QStringLiteral("ragscope_reviews")), 5);
}

void TestReviewService::latestPerReviewerKeepsNewestOfEachReviewer()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    const FixtureWriter writer(store);
    writer.addReview(interaction, QStringLiteral("dana"), 1, QStringLiteral("old"), T0.addSecs(10));
    const QUuid danaNewest
        = writer.addReview(interaction, QStringLiteral("dana"), 4, QStringLiteral("new"), T0.addSecs(30));
    writer.addReview(interaction, QStringLiteral("eli"), 2, QStringLiteral("old"), T0.addSecs(5));
    const QUuid eliNewest
        = writer.addReview(interaction, QStringLiteral("eli"), 3, QStringLiteral("new"), T0.addSecs(40));
    const QUuid finn = writer.addReview(interaction, QStringLiteral("finn"), 5, QString(), T0.addSecs(20));
    writer.addReview(addInteraction(store), QStringLiteral("gus"), 5, QString(), T0.addSecs(50));

    const auto latest = ReviewService(store).latestPerReviewer(interaction);
    QVERIFY(latest.ok());
    QCOMPARE(idsOf(latest.value()), (QList<QUuid> { eliNewest, danaNewest, finn }));
    QCOMPARE(latest->at(0).label, QStringLiteral("new"));
    QCOMPARE(latest->at(0).createdAt, T0.addSecs(40));
    QCOMPARE(latest->at(1).rating, 4);

    // A new save through the service becomes that reviewer's latest.
    const auto again = ReviewService(store).save(
        interaction, QStringLiteral("finn"), 1, QStringLiteral("wrong"), QString());
    QVERIFY(again.ok());
    const auto after = ReviewService(store).latestPerReviewer(interaction);
    QVERIFY(after.ok());
    QCOMPARE(idsOf(after.value()), (QList<QUuid> { again->id, eliNewest, danaNewest }));
}

void TestReviewService::reviewsNeverTouchTheEndUsersFeedback()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store);
    const FeedbackService feedback(store);
    const auto before = feedback.submit(interaction, 5, QStringLiteral("perfect"));
    QVERIFY(before.ok());
    const ReviewService service(store);
    QVERIFY(service
                .save(interaction, QStringLiteral("dana"), 1, QStringLiteral("hallucination"),
                    QStringLiteral("wrong"))
                .ok());
    QVERIFY(service.save(interaction, QStringLiteral("eli"), 2, QString(), QString()).ok());

    const auto after = feedback.byInteraction(interaction);
    QVERIFY(after.ok() && after.value().has_value());
    QCOMPARE(after.value()->id, before->id);
    QCOMPARE(after.value()->rating, 5);
    QCOMPARE(after.value()->comment, QStringLiteral("perfect"));
    QCOMPARE(after.value()->createdAt, before->createdAt);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 1);
    QCOMPARE(Test::countRows(*store, QStringLiteral("ragscope_reviews")), 2);
}

void TestReviewService::storeWithoutReviewsTableAsksForMigration()
{
    TestDatabase db;
    const QUuid interaction = addInteraction(db.open());
    db.execScript(QStringLiteral("DROP TABLE ragscope_reviews;"));
    const StorePtr store = db.open(false);
    QVERIFY(!store->hasReviews());
    const ReviewService service(store);
    const auto saved = service.save(interaction, QStringLiteral("dana"), 3, QString(), QString());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::MissingSchema);
    QVERIFY2(saved.error().message.contains(QLatin1String("ragscope-cli migrate")),
        qPrintable(saved.error().message));
    const auto history = service.history(interaction);
    QVERIFY(!history.ok());
    QCOMPARE(history.error().kind, ErrorKind::MissingSchema);
}

QTEST_GUILESS_MAIN(TestReviewService)
#include "tst_reviewservice.moc"
