// ReviewPusher: reviews made in a snapshot go back to its source in one transaction, once
// (a second push changes nothing), beside the reviews made in the store meanwhile (both kept),
// skipping and reporting interactions deleted since; end users' feedback is never touched; a
// store the snapshot was not exported from is refused unless forced; a preview writes nothing.
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "snapshot/reviewpusher.h"
#include "snapshot/snapshotexporter.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

QString dumpFeedback(const Store& store)
{
    auto q = store.exec(
        QStringLiteral("SELECT id, interaction_id, rating, comment, %1 FROM chat_feedbacks ORDER BY id")
            .arg(SqlDialect(store.dialect()).timeText(QStringLiteral("created_at"))));
    if (!q.ok())
        qFatal("dump: %s", qPrintable(q.error().message));
    QStringList rows;
    while (q.value().next())
        rows << QStringLiteral("%1|%2|%3|%4|%5")
                    .arg(q.value().value(0).toString(), q.value().value(1).toString(),
                        q.value().value(2).toString(), q.value().value(3).toString(),
                        q.value().value(4).toString());
    return rows.join(QLatin1Char('\n'));
}

StorePtr openWritable(const QString& url)
{
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    auto s = Store::open(url, options);
    if (!s.ok())
        qFatal("open: %s", qPrintable(s.error().message));
    return s.value();
}

} // namespace

class TestReviewPusher : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QList<QUuid> m_ids;

    // A fresh snapshot of the whole store, opened for reviewing.
    StorePtr snapshot(const QString& name)
    {
        const QString file = m_dir.filePath(name);
        const auto s = SnapshotExporter::exportTo(m_store, file, std::nullopt);
        if (!s.ok())
            qFatal("export: %s", qPrintable(s.error().message));
        return openWritable(QStringLiteral("sqlite:") + file);
    }

private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        for (int n = 0; n < 6; ++n) {
            InteractionRecord r;
            r.userId = QStringLiteral("u");
            r.query = QStringLiteral("q%1").arg(n);
            r.answer = QStringLiteral("a");
            r.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 + n);
            m_ids << recordInteraction(m_store, r);
        }
        const FixtureWriter writer(m_store);
        writer.addFeedback(
            m_ids[0], 2, QDateTime::currentDateTimeUtc().addSecs(-1800), QStringLiteral("end user"));
        writer.addReview(
            m_ids[0], QStringLiteral("alice"), 4, {}, QDateTime::currentDateTimeUtc().addSecs(-1700));
    }

    void pushOnceThenNothing()
    {
        const StorePtr offline = snapshot(QStringLiteral("once.sqlite"));
        const ReviewService offlineReviews(offline);
        QVERIFY(offlineReviews
                    .save(m_ids[1], QStringLiteral("bob"), 1, QStringLiteral("wrong"), QStringLiteral("c"))
                    .ok());
        QVERIFY(offlineReviews.save(m_ids[2], QStringLiteral("bob"), 5, {}, {}).ok());
        const QString feedbackBefore = dumpFeedback(*m_store);
        const qint64 reviewsBefore = countRows(*m_store, QStringLiteral("ragscope_reviews"));

        const ReviewPusher pusher(offline, m_store);
        const auto preview = pusher.preview();
        QVERIFY2(preview.ok(), qPrintable(preview.ok() ? QString() : preview.error().message));
        QCOMPARE(preview->added.size(), 2);
        QCOMPARE(preview->alreadyInStore, 1); // alice's, exported with the snapshot
        QVERIFY(!preview->applied);
        QVERIFY(preview->sourceMismatch.isEmpty());
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), reviewsBefore);

        const auto pushed = pusher.push(false);
        QVERIFY2(pushed.ok(), qPrintable(pushed.ok() ? QString() : pushed.error().message));
        QCOMPARE(pushed->added.size(), 2);
        QVERIFY(pushed->applied);
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), reviewsBefore + 2);
        const auto history = ReviewService(m_store).history(m_ids[1]);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().reviewer, QStringLiteral("bob"));
        QCOMPARE(history->first().label, QStringLiteral("wrong"));
        QCOMPARE(history->first().comment, QStringLiteral("c"));

        const auto twice = pusher.push(false);
        QVERIFY(twice.ok());
        QCOMPARE(twice->added.size(), 0);
        QCOMPARE(twice->alreadyInStore, 3);
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), reviewsBefore + 2);
        QCOMPARE(dumpFeedback(*m_store), feedbackBefore);
    }

    void reviewsOnBothSidesAreKept()
    {
        const StorePtr offline = snapshot(QStringLiteral("both.sqlite"));
        QVERIFY(ReviewService(offline).save(m_ids[3], QStringLiteral("carol"), 2, {}, {}).ok());
        QTest::qWait(5);
        QVERIFY(ReviewService(m_store).save(m_ids[3], QStringLiteral("dave"), 4, {}, {}).ok());
        const auto pushed = ReviewPusher(offline, m_store).push(false);
        QVERIFY(pushed.ok());
        QCOMPARE(pushed->added.size(), 1);
        QCOMPARE(pushed->reviewedOnBothSides, 1);
        const auto history = ReviewService(m_store).history(m_ids[3]);
        QVERIFY(history.ok());
        QStringList reviewers;
        for (const Review& r : history.value())
            reviewers << r.reviewer;
        reviewers.sort();
        QCOMPARE(reviewers, (QStringList { QStringLiteral("carol"), QStringLiteral("dave") }));
    }

    void deletedInteractionIsSkippedAndReported()
    {
        const StorePtr offline = snapshot(QStringLiteral("deleted.sqlite"));
        QVERIFY(ReviewService(offline).save(m_ids[5], QStringLiteral("erin"), 3, {}, {}).ok());
        QVERIFY(ReviewService(offline).save(m_ids[4], QStringLiteral("erin"), 3, {}, {}).ok());
        const SqlDialect d(m_store->dialect());
        QVERIFY(m_store
                    ->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = %1").arg(d.uuidParam()),
                        { d.bindUuid(m_ids[5]) })
                    .ok());
        const auto pushed = ReviewPusher(offline, m_store).push(false);
        QVERIFY2(pushed.ok(), qPrintable(pushed.ok() ? QString() : pushed.error().message));
        QCOMPARE(pushed->skippedDeleted.size(), 1);
        QCOMPARE(pushed->skippedDeleted.first().interactionId, m_ids[5]);
        QCOMPARE(pushed->added.size(), 1);
        QCOMPARE(pushed->added.first().interactionId, m_ids[4]);
    }

    void wrongSourceIsRefusedUnlessForced()
    {
        const StorePtr offline = snapshot(QStringLiteral("wrong.sqlite"));
        QVERIFY(ReviewService(offline).save(m_ids[0], QStringLiteral("frank"), 5, {}, {}).ok());
        TestDatabase otherDb;
        const StorePtr other = otherDb.open();
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        recordInteraction(other, r);
        const auto refused = ReviewPusher(offline, other).push(false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(refused.error().message.contains(QStringLiteral("not from")),
            qPrintable(refused.error().message));
        QCOMPARE(countRows(*other, QStringLiteral("ragscope_reviews")), 0);
        const auto preview = ReviewPusher(offline, other).preview();
        QVERIFY(preview.ok());
        QVERIFY(!preview->sourceMismatch.isEmpty());
        // forced: the interactions are not there, so everything is skipped, nothing breaks
        const auto forced = ReviewPusher(offline, other).push(true);
        QVERIFY(forced.ok());
        QCOMPARE(forced->added.size(), 0);
        QVERIFY(forced->skippedDeleted.size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestReviewPusher)
#include "tst_reviewpusher.moc"
