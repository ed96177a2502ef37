// A store whose chat_interactions is partitioned by month (scripts/partition-store) answers
// exactly like an unpartitioned copy of the same rows: `stats`, `rollup` + `stats --approx`,
// feedback, reviews, the review queue, late inserts and deletions. Both stores start from the
// contract's schema file.
#include "clirunner.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "testdatabase.h"

#include "feedback/reviewqueue.h"
#include "feedback/reviewservice.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

InteractionRecord record(QRandomGenerator& rng, const QDateTime& at)
{
    static const QStringList models { QStringLiteral("gemini-1.5-pro-latest"),
        QStringLiteral("gemini-1.5-flash-latest"), QStringLiteral("unpriced-model") };
    InteractionRecord r;
    r.userId = QStringLiteral("user-%1").arg(rng.bounded(5));
    r.query = r.answer = QStringLiteral("x");
    if (rng.bounded(10) != 0)
        r.confidence = rng.bounded(1001) / 1000.0;
    r.totalLatencyMs = 200 * std::exp(2 * rng.generateDouble());
    r.retrievalLatencyMs = 30 * std::exp(2 * rng.generateDouble());
    r.generationLatencyMs = 150 * std::exp(2 * rng.generateDouble());
    r.promptTokens = rng.bounded(2000);
    r.completionTokens = rng.bounded(500);
    r.model = models[rng.bounded(int(models.size()))];
    r.createdAt = at;
    return r;
}

/// The same rows (ids aside) in either store: four months back to now, feedback on a third,
/// reviews on a fifth.
void fill(const StorePtr& store)
{
    QRandomGenerator rng(11);
    const FixtureWriter writer(store);
    for (int n = 0; n < 600; ++n) {
        const InteractionRecord r = record(rng, Now.addSecs(-qint64(rng.bounded(120 * 86400))));
        const QUuid id = recordInteraction(store, r);
        if (rng.bounded(3) == 0)
            writer.addFeedback(id, 1 + rng.bounded(5), std::min(r.createdAt.addSecs(rng.bounded(7200)), Now));
        if (rng.bounded(5) == 0)
            writer.addReview(
                id, QStringLiteral("dana"), 1 + rng.bounded(5), QString(), r.createdAt.addSecs(60));
    }
}

StorePtr contractStore(const TestDatabase& db)
{
    db.execScript(backendSchemaSql());
    return db.open(); // RagScope's migrations, before partitioning (the script requires them)
}

int partition(const QString& url)
{
    QProcess script;
    script.start(
        qEnvironmentVariable("RAGSCOPE_SOURCE_DIR") + QStringLiteral("/scripts/partition-store"), { url });
    if (!script.waitForFinished(120000))
        qFatal("partition-store did not finish");
    if (script.exitCode() != 0)
        qWarning("%s", script.readAllStandardError().constData());
    return script.exitCode();
}

QJsonObject stats(const QString& url, const QStringList& window, bool approx = false)
{
    QStringList args = QStringList { QStringLiteral("stats"), QStringLiteral("--db"), url } + window;
    args << QStringLiteral("--json");
    if (approx)
        args << QStringLiteral("--approx");
    const CliRun run = runCli(args);
    if (run.exitCode != 0)
        qWarning("stats: %s", qPrintable(run.err));
    return run.json();
}

qint64 scalar(const StorePtr& store, const QString& sql, const QVariantList& values = {})
{
    auto q = store->exec(sql, values);
    if (!q.ok() || !q.value().next())
        qFatal("%s", qPrintable(q.ok() ? QStringLiteral("no row") : q.error().message));
    return q.value().value(0).toLongLong();
}

int queueSize(const StorePtr& store, ReviewQueueQuery::Kind kind)
{
    ReviewQueueQuery query;
    query.kind = kind;
    query.filter.from = Now.addDays(-130);
    query.filter.to = Now.addSecs(3600);
    return int(collectPageIds(
        [&](int limit, const QString& cursor) { return ReviewQueue(store).fetch(query, limit, cursor); }, 37)
                   .size());
}

} // namespace

class TestPartitionedStore : public QObject
{
    Q_OBJECT

private slots:
    void answersLikeTheUnpartitionedCopy()
    {
        TestDatabase plainDb(Dialect::Postgres);
        TestDatabase partedDb(Dialect::Postgres);
        const StorePtr plain = contractStore(plainDb);
        const StorePtr parted = contractStore(partedDb);
        fill(plain);
        fill(parted);

        QCOMPARE(partition(partedDb.url()), 0);
        QCOMPARE(scalar(parted,
                     QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = 'chat_interactions'"
                                    " AND relkind = 'p'")),
            1);
        // four months back and three ahead, at least, besides the default partition
        QVERIFY(scalar(parted,
                    QStringLiteral(
                        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'chat_interactions'::regclass"))
            >= 8);
        QCOMPARE(scalar(parted, QStringLiteral("SELECT count(*) FROM chat_interactions")), 600);
        // a second run only adds the coming months; RagScope's own open and migrations accept the store
        QCOMPARE(partition(partedDb.url()), 0);
        const StorePtr reopened = partedDb.open();
        QVERIFY(!reopened->isReadOnly());
        QVERIFY(reopened->hasReviews());

        // late rows with an old created_at land in their month, in both stores alike
        QRandomGenerator rng(5);
        for (const StorePtr& store : { plain, parted }) {
            QRandomGenerator same = rng;
            for (int n = 0; n < 20; ++n)
                recordInteraction(store, record(same, Now.addSecs(-qint64(same.bounded(100 * 86400)))));
        }
        const QDateTime old = Now.addDays(-75);
        const InteractionRecord lateRow = record(rng, old);
        const QUuid late = recordInteraction(parted, lateRow);
        QCOMPARE(scalar(parted,
                     QStringLiteral("SELECT count(*) FROM chat_interactions WHERE id = CAST(? AS uuid)"
                                    " AND tableoid = to_regclass(?)"),
                     { late.toString(QUuid::WithoutBraces),
                         QStringLiteral("chat_interactions_y%1m%2")
                             .arg(old.date().year())
                             .arg(old.date().month(), 2, 10, QLatin1Char('0')) }),
            1);
        recordInteraction(plain, lateRow);

        const QList<QStringList> windows {
            { QStringLiteral("--from"), iso(Now.addDays(-130)), QStringLiteral("--to"),
                iso(Now.addSecs(3600)) },
            { QStringLiteral("--from"), iso(Now.addDays(-40).addSecs(1234)), QStringLiteral("--to"),
                iso(Now.addDays(-3)), QStringLiteral("--model"), QStringLiteral("gemini-1.5-pro-latest") },
            { QStringLiteral("--from"), iso(Now.addDays(-100)), QStringLiteral("--to"), iso(Now),
                QStringLiteral("--user"), QStringLiteral("user-2") },
        };
        for (const QStringList& window : windows) {
            const QJsonObject expected = stats(plainDb.url(), window);
            QVERIFY(expected.value(QStringLiteral("requests")).toInt() > 0);
            QCOMPARE(diffJson(expected, stats(partedDb.url(), window)), QString());
        }

        // rollups: refreshed by the CLI on both, read back by stats --approx
        for (const QString& url : { plainDb.url(), partedDb.url() }) {
            const CliRun rollup = runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), url });
            QVERIFY2(rollup.exitCode == 0 && rollup.out.startsWith(QLatin1String("rollups up to")),
                qPrintable(rollup.out + rollup.err));
        }
        for (const QStringList& window : windows) {
            const QJsonObject expected = stats(plainDb.url(), window, true);
            QCOMPARE(expected.value(QStringLiteral("mode")).toString(), QStringLiteral("rollup"));
            // the same rows; double sums may differ in the last bit with the order of the rows
            QCOMPARE(diffJson(expected, stats(partedDb.url(), window, true), 1e-12), QString());
        }

        // the review queue pages by keyset over (created_at, id) through every partition
        for (const auto kind : { ReviewQueueQuery::Kind::LowRated, ReviewQueueQuery::Kind::LowConfidence,
                 ReviewQueueQuery::Kind::All })
            QCOMPARE(queueSize(parted, kind), queueSize(plain, kind));

        // feedback through the CLI, reviews through core, both unchanged
        const QUuid target = recordInteraction(parted, record(rng, Now.addDays(-50)));
        const CliRun feedback = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), partedDb.url(),
            QStringLiteral("--interaction"), target.toString(QUuid::WithoutBraces),
            QStringLiteral("--rating"), QStringLiteral("2") });
        QVERIFY2(feedback.exitCode == 0, qPrintable(feedback.err));
        const CliRun again = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), partedDb.url(),
            QStringLiteral("--interaction"), target.toString(QUuid::WithoutBraces),
            QStringLiteral("--rating"), QStringLiteral("1") });
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(
            scalar(parted,
                QStringLiteral("SELECT rating FROM chat_feedbacks WHERE interaction_id = CAST(? AS uuid)"),
                { target.toString(QUuid::WithoutBraces) }),
            1);
        const CliRun unknown = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), partedDb.url(),
            QStringLiteral("--interaction"), QUuid::createUuid().toString(QUuid::WithoutBraces),
            QStringLiteral("--rating"), QStringLiteral("3") });
        QCOMPARE(unknown.exitCode, 3);

        const auto review
            = ReviewService(parted).save(target, QStringLiteral("erin"), 4, QStringLiteral("ok"), {});
        QVERIFY2(review.ok(), qPrintable(review.ok() ? QString() : review.error().message));
        QCOMPARE(ReviewService(parted).history(target)->size(), 1);
        const auto detail = ReviewQueue(parted).detail(target);
        QVERIFY(detail.ok());

        // what the foreign key did, the triggers do: no feedback without its interaction, and a
        // deleted interaction takes its feedback and reviews along
        const auto orphan
            = parted->exec(QStringLiteral("INSERT INTO chat_feedbacks (id, interaction_id, rating) VALUES "
                                          "(CAST(? AS uuid), CAST(? AS uuid), 3)"),
                { QUuid::createUuid().toString(QUuid::WithoutBraces),
                    QUuid::createUuid().toString(QUuid::WithoutBraces) });
        QVERIFY(!orphan.ok());
        QCOMPARE(orphan.error().kind, ErrorKind::NotFound);
        QVERIFY(parted
                    ->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = CAST(? AS uuid)"),
                        { target.toString(QUuid::WithoutBraces) })
                    .ok());
        for (const char* table : { "chat_feedbacks", "ragscope_reviews" })
            QCOMPARE(scalar(parted,
                         QStringLiteral("SELECT count(*) FROM %1 WHERE interaction_id = CAST(? AS uuid)")
                             .arg(QLatin1String(table)),
                         { target.toString(QUuid::WithoutBraces) }),
                0);
    }

    void refusesAStoreWithoutRagScopesMigrations()
    {
        TestDatabase db(Dialect::Postgres);
        db.execScript(backendSchemaSql());
        QCOMPARE(partition(db.url()), 3);
        const StorePtr store = db.open(false);
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM pg_class WHERE relkind = 'p'")), 0);
    }
};

QTEST_GUILESS_MAIN(TestPartitionedStore)
#include "tst_partitionedstore.moc"
