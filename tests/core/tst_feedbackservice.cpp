#include "feedback/feedbackrules.h"
#include "feedback/feedbackservice.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QThreadPool>
#include <QtConcurrent>
#include <QtTest>

#include <algorithm>

using namespace RagScope;
using RagScope::Test::FixtureWriter;
using RagScope::Test::TestDatabase;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), QTimeZone::utc());

QUuid addInteraction(const StorePtr& store, const QDateTime& at, std::optional<double> confidence = 0.9,
    const QString& user = QStringLiteral("alice"))
{
    InteractionRecord r;
    r.userId = user;
    r.query = QStringLiteral("how do I reset my password?");
    r.answer = QStringLiteral("Open Settings, then Security.");
    r.confidence = confidence;
    r.createdAt = at;
    return Test::recordInteraction(store, r);
}

// The store as a role that may only read it: a SELECT-only PostgreSQL role, or a SQLite file
// without write permission. Null where the OS ignores file modes (SQLite as root).
StorePtr openAsReader(const TestDatabase& db)
{
    if (db.dialect() == Dialect::Postgres) {
        const QString role = QStringLiteral("reader_") + QUuid::createUuid().toString(QUuid::Id128);
        db.execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'reader';\n"
                                     "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1;")
                          .arg(role));
        const QString database = StoreLocation::parse(db.url())->database;
        auto opened = Store::open(TestDatabase::serverUrlFor(database, role, QStringLiteral("reader")), {});
        if (!opened.ok())
            qFatal("cannot open as reader: %s", qPrintable(opened.error().message));
        return opened.value();
    }
    // A file without write permission (the store goes by the permission bits, so this holds for root too).
    const QString path = StoreLocation::parse(db.url())->sqlitePath;
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    auto opened = Store::open(db.url(), {});
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened.ok())
        qFatal("cannot open as reader: %s", qPrintable(opened.error().message));
    return opened.value();
}

struct Expected
{
    QUuid id;
    QDateTime at;
};

// The order the store must give: created_at newest first, then id (as canonical text) descending.
QList<QUuid> newestFirst(QList<Expected> rows)
{
    std::sort(rows.begin(), rows.end(), [](const Expected& a, const Expected& b) {
        if (a.at != b.at)
            return a.at > b.at;
        return a.id.toString(QUuid::WithoutBraces) > b.id.toString(QUuid::WithoutBraces);
    });
    QList<QUuid> ids;
    for (const Expected& e : std::as_const(rows))
        ids << e.id;
    return ids;
}

} // namespace

class TestFeedbackService : public QObject
{
    Q_OBJECT

private slots:
    void rejectsRatingOutsideOneToFiveAndWritesNothing_data();
    void rejectsRatingOutsideOneToFiveAndWritesNothing();
    void limitsCommentTo2000Characters_data();
    void limitsCommentTo2000Characters();
    void unknownInteractionIsNotFound();
    void malformedInteractionIdIsInvalidInput();
    void emptyCommentIsStoredAsNull();
    void resubmitUpdatesTheSameRow();
    void concurrentSubmitsLeaveExactlyOneRow();
    void sqlInjectionInCommentIsStoredVerbatim();
    void readOnlyStoreRefusesWithTheReason();
    void byUserIsNewestFirstAndLimited();
    void lowRatedIsNewestFirstAcrossPages();
    void lowConfidenceIsNewestFirstAcrossPages();
    void rejectsForeignCursor();
    void deletingInteractionDeletesItsFeedback();
};

void TestFeedbackService::rejectsRatingOutsideOneToFiveAndWritesNothing_data()
{
    QTest::addColumn<int>("rating");
    QTest::newRow("0") << 0;
    QTest::newRow("6") << 6;
    QTest::newRow("7") << 7;
    QTest::newRow("-1") << -1;
}

void TestFeedbackService::rejectsRatingOutsideOneToFiveAndWritesNothing()
{
    QFETCH(int, rating);
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    const auto result = FeedbackService(store).submit(interaction, rating, QStringLiteral("meh"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(result.error().message.contains(QLatin1String("rating")), qPrintable(result.error().message));
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 0);
}

void TestFeedbackService::limitsCommentTo2000Characters_data()
{
    QTest::addColumn<QString>("comment");
    QTest::addColumn<bool>("accepted");
    const QString emoji = QStringLiteral("\U0001F600");
    QTest::newRow("ascii 2000") << QStringLiteral("a").repeated(2000) << true;
    QTest::newRow("ascii 2001") << QStringLiteral("a").repeated(2001) << false;
    QTest::newRow("e-acute 2000") << QStringLiteral("é").repeated(2000) << true;
    QTest::newRow("e-acute 2001") << QStringLiteral("é").repeated(2001) << false;
    QTest::newRow("emoji 2000") << emoji.repeated(2000) << true;
    QTest::newRow("emoji 2001") << emoji.repeated(2001) << false;
}

void TestFeedbackService::limitsCommentTo2000Characters()
{
    QFETCH(QString, comment);
    QFETCH(bool, accepted);
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    const FeedbackService service(store);
    const auto result = service.submit(interaction, 4, comment);
    QCOMPARE(result.ok(), accepted);
    if (!accepted) {
        QCOMPARE(result.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 0);
        return;
    }
    const auto stored = service.byInteraction(interaction);
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->comment, comment);
}

void TestFeedbackService::unknownInteractionIsNotFound()
{
    TestDatabase db;
    const StorePtr store = db.open();
    addInteraction(store, T0);
    const auto result = FeedbackService(store).submit(QUuid::createUuid(), 3, QString());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::NotFound);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 0);
}

void TestFeedbackService::malformedInteractionIdIsInvalidInput()
{
    const auto parsed
        = FeedbackRules::parseInteractionId(QStringLiteral("42'; DROP TABLE chat_feedbacks; --"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::InvalidInput);
}

void TestFeedbackService::emptyCommentIsStoredAsNull()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    QVERIFY(FeedbackService(store).submit(interaction, 5, QString()).ok());
    auto q = store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_feedbacks WHERE comment IS NULL"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toInt(), 1);
}

void TestFeedbackService::resubmitUpdatesTheSameRow()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    const FeedbackService service(store);
    const auto first = service.submit(interaction, 2, QStringLiteral("wrong answer"));
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QVERIFY(!first->id.isNull());
    QVERIFY(qAbs(first->createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QTest::qWait(5); // a later "now", which must not replace created_at

    const auto second = service.submit(interaction, 4, QStringLiteral("fixed after retry"));
    QVERIFY(second.ok());
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->createdAt, first->createdAt);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 1);

    const auto stored = service.byId(first->id);
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->rating, 4);
    QCOMPARE(stored.value()->comment, QStringLiteral("fixed after retry"));
    QCOMPARE(stored.value()->interactionId, interaction);
    QCOMPARE(stored.value()->createdAt, first->createdAt);

    const auto third = service.submit(interaction, 1, QString());
    QVERIFY(third.ok());
    QCOMPARE(third->id, first->id);
    QVERIFY(service.byInteraction(interaction).value()->comment.isEmpty());
}

void TestFeedbackService::concurrentSubmitsLeaveExactlyOneRow()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    QList<QFuture<Result<Feedback>>> futures;
    for (int i = 0; i < 8; ++i) {
        futures << QtConcurrent::run(&pool, [store, interaction, i] {
            return FeedbackService(store).submit(interaction, 1 + i % 5, QStringLiteral("thread %1").arg(i));
        });
    }
    QSet<QUuid> ids;
    for (auto& f : futures) {
        const Result<Feedback> r = f.result();
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        ids.insert(r->id);
    }
    pool.waitForDone();
    QCOMPARE(ids.size(), 1);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 1);
    const auto stored = FeedbackService(store).byInteraction(interaction);
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->id, *ids.cbegin());
}

void TestFeedbackService::sqlInjectionInCommentIsStoredVerbatim()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid interaction = addInteraction(store, T0);
    const QString evil = QStringLiteral("'); DROP TABLE chat_feedbacks; -- \" \\ %_ ?");
    const FeedbackService service(store);
    QVERIFY(service.submit(interaction, 1, evil).ok());
    const auto stored = service.byInteraction(interaction);
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->comment, evil);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 1);
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_interactions")), 1);
}

void TestFeedbackService::readOnlyStoreRefusesWithTheReason()
{
    TestDatabase db;
    const StorePtr writable = db.open();
    const QUuid interaction = addInteraction(writable, T0);
    const StorePtr readOnly = openAsReader(db);
    QVERIFY(readOnly->isReadOnly());
    const auto result = FeedbackService(readOnly).submit(interaction, 3, QString());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::PermissionDenied);
    QVERIFY2(result.error().message.contains(readOnly->readOnlyReason()), qPrintable(result.error().message));
    QCOMPARE(Test::countRows(*writable, QStringLiteral("chat_feedbacks")), 0);
}

void TestFeedbackService::byUserIsNewestFirstAndLimited()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const FixtureWriter writer(store);
    QList<QUuid> alice;
    for (int i = 0; i < 3; ++i)
        alice << writer.addFeedback(addInteraction(store, T0.addSecs(i)), 3, T0.addSecs(60 * (3 - i)));
    writer.addFeedback(addInteraction(store, T0, 0.5, QStringLiteral("bob")), 1, T0.addDays(1));
    const FeedbackService service(store);

    const auto all = service.byUser(QStringLiteral("alice"), 10);
    QVERIFY(all.ok());
    QList<QUuid> ids;
    for (const Feedback& f : all.value())
        ids << f.id;
    QCOMPARE(ids, (QList<QUuid> { alice[0], alice[1], alice[2] }));

    const auto two = service.byUser(QStringLiteral("alice"), 2);
    QVERIFY(two.ok());
    QCOMPARE(two->size(), 2);
    QCOMPARE(two->at(0).id, alice[0]);
    QCOMPARE(two->at(0).createdAt, T0.addSecs(180));
    QCOMPARE(service.byUser(QStringLiteral("nobody"), 5)->size(), 0);
}

void TestFeedbackService::lowRatedIsNewestFirstAcrossPages()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const FixtureWriter writer(store);
    QList<Expected> low;
    // Ratings cycle 1…5; three interactions share each created_at so the id breaks ties.
    for (int i = 0; i < 15; ++i) {
        const QDateTime at = T0.addSecs(i / 3);
        const QUuid id = addInteraction(store, at);
        const int rating = 1 + i % 5;
        writer.addFeedback(id, rating, T0.addDays(1).addSecs(-i));
        if (rating <= 2)
            low << Expected { id, at };
    }
    addInteraction(store, T0.addDays(2), 0.1); // no feedback: not low-rated
    const FeedbackService service(store);
    const QList<QUuid> expected = newestFirst(low);
    QCOMPARE(expected.size(), 6);
    for (int pageSize : { 1, 2, 4, 100 }) {
        const QList<QUuid> paged = Test::collectPageIds(
            [&](int limit, const QString& cursor) { return service.lowRated(limit, cursor); }, pageSize);
        QCOMPARE(paged, expected);
    }
    const auto first = service.lowRated(2);
    QVERIFY(first.ok());
    QCOMPARE(first->rows.size(), 2);
    QVERIFY(!first->atEnd());
    for (const InteractionSummary& row : first->rows)
        QVERIFY(row.userRating.has_value() && *row.userRating <= 2);
}

void TestFeedbackService::lowConfidenceIsNewestFirstAcrossPages()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QList<Expected> low;
    const QList<std::optional<double>> scores { 0.1, 0.59, 0.6, std::nullopt, 0.95, 0.0, 0.3 };
    for (int i = 0; i < 14; ++i) {
        const QDateTime at = T0.addMSecs(250 * (i / 2));
        const std::optional<double> score = scores.at(i % scores.size());
        const QUuid id = addInteraction(store, at, score);
        if (score && *score < 0.6)
            low << Expected { id, at };
    }
    const FeedbackService service(store);
    const QList<QUuid> expected = newestFirst(low);
    QCOMPARE(expected.size(), 8);
    for (int pageSize : { 1, 3, 5, 100 }) {
        const QList<QUuid> paged = Test::collectPageIds(
            [&](int limit, const QString& cursor) { return service.lowConfidence(limit, cursor); }, pageSize);
        QCOMPARE(paged, expected);
    }
}

void TestFeedbackService::rejectsForeignCursor()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const FeedbackService service(store);
    for (const QString& cursor :
        { QStringLiteral("not a cursor"), QStringLiteral("a2V5c2V0"), QStringLiteral("'; --") }) {
        const auto page = service.lowRated(5, cursor);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, ErrorKind::InvalidInput);
    }
}

void TestFeedbackService::deletingInteractionDeletesItsFeedback()
{
    TestDatabase db;
    const StorePtr store = db.open();
    const QUuid kept = addInteraction(store, T0);
    const QUuid removed = addInteraction(store, T0.addSecs(1));
    const FeedbackService service(store);
    QVERIFY(service.submit(kept, 5, QString()).ok());
    const auto gone = service.submit(removed, 1, QStringLiteral("bad"));
    QVERIFY(gone.ok());
    const SqlDialect d(store->dialect());
    QVERIFY(store
                ->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = %1").arg(d.uuidParam()),
                    { d.bindUuid(removed) })
                .ok());
    QVERIFY(!service.byId(gone->id).value().has_value());
    QVERIFY(!service.byInteraction(removed).value().has_value());
    QVERIFY(service.byInteraction(kept).value().has_value());
    QCOMPARE(Test::countRows(*store, QStringLiteral("chat_feedbacks")), 1);
}

QTEST_GUILESS_MAIN(TestFeedbackService)
#include "tst_feedbackservice.moc"
