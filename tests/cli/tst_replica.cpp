// A real streaming standby (pg_basebackup -R from a private primary): the CLI and core read from
// the standby, feedback (`feedback --write-db`) and reviews (ReplicaPair) land on the primary and
// show on the standby once it has replayed them; writing to the standby alone is refused with one
// clear line.
#include "clirunner.h"
#include "fixtures.h"
#include "privateserver.h"

#include "feedback/feedbackservice.h"
#include "feedback/reviewservice.h"
#include "replica/replicapair.h"

#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();

StorePtr openOrDie(const QString& url, Store::OpenOptions options = {})
{
    auto store = Store::open(url, options);
    if (!store.ok())
        qFatal("%s", qPrintable(store.error().message));
    return store.value();
}

qint64 scalar(const StorePtr& store, const QString& sql)
{
    auto q = store->exec(sql);
    if (!q.ok() || !q.value().next())
        qFatal("%s", qPrintable(q.ok() ? QStringLiteral("no row") : q.error().message));
    return q.value().value(0).toLongLong();
}

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QStringList window()
{
    return { QStringLiteral("--from"), iso(Now.addDays(-10)), QStringLiteral("--to"), iso(Now.addSecs(3600)),
        QStringLiteral("--json") };
}

} // namespace

class TestReplica : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        Store::OpenOptions create;
        create.createSchema = true;
        m_primaryStore = openOrDie(m_primary.url(), create);
        for (int n = 0; n < 40; ++n) {
            InteractionRecord r;
            r.userId = QStringLiteral("user-%1").arg(n % 3);
            r.query = r.answer = QStringLiteral("x");
            r.confidence = (n % 10) / 10.0;
            r.totalLatencyMs = 100 + n;
            r.promptTokens = 100;
            r.completionTokens = 10 * n;
            r.model = QStringLiteral("gemini-1.5-flash-latest");
            r.createdAt = Now.addSecs(-3600 * n);
            m_ids << recordInteraction(m_primaryStore, r);
        }
        m_standbyUrl = m_primary.startStandby();
        m_standbyStore = openOrDie(m_standbyUrl);
        waitForReplay();
    }

    void standbyAloneRefusesWritesInOneLine()
    {
        Store::OpenOptions writing;
        writing.access = Store::Access::Write;
        writing.migrate = true; // as the GUI opens: nothing is migrated on a standby
        const StorePtr standby = openOrDie(m_standbyUrl, writing);
        QVERIFY(standby->isStandby());
        QVERIFY(standby->isReadOnly());
        QVERIFY2(standby->readOnlyReason().contains(QLatin1String("read-only standby")),
            qPrintable(standby->readOnlyReason()));
        QVERIFY(!m_primaryStore->isStandby());
        const auto refused = FeedbackService(standby).submit(m_ids[0], 3, {});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::PermissionDenied);

        const CliRun feedback = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), m_standbyUrl,
            QStringLiteral("--interaction"), m_ids[0].toString(QUuid::WithoutBraces),
            QStringLiteral("--rating"), QStringLiteral("3") });
        QCOMPARE(feedback.exitCode, 4);
        QCOMPARE(feedback.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(feedback.err.startsWith(QLatin1String("ragscope-cli: cannot save feedback: "))
                && feedback.err.contains(QLatin1String("is a read-only standby server"))
                && feedback.err.contains(QLatin1String("--write-db")),
            qPrintable(feedback.err));
        const CliRun migrate = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), m_standbyUrl });
        QCOMPARE(migrate.exitCode, 4);
        QCOMPARE(migrate.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(migrate.err.contains(QLatin1String("read-only standby")), qPrintable(migrate.err));
        // a standby given as the write store is refused when opening, before anything is typed
        const CliRun wrongWay = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), m_primary.url(),
            QStringLiteral("--write-db"), m_standbyUrl, QStringLiteral("--interaction"),
            m_ids[0].toString(QUuid::WithoutBraces), QStringLiteral("--rating"), QStringLiteral("3") });
        QCOMPARE(wrongWay.exitCode, 4);
        QVERIFY2(wrongWay.err.contains(QLatin1String("the write store cannot take writes")),
            qPrintable(wrongWay.err));
        QCOMPARE(scalar(m_primaryStore, QStringLiteral("SELECT count(*) FROM chat_feedbacks")), 0);
    }

    void readsFromTheStandbyWritesReachItFromThePrimary()
    {
        const QJsonObject before
            = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_standbyUrl } + window())
                  .json();
        QCOMPARE(before.value(QStringLiteral("requests")).toInt(), 40);
        QCOMPARE(diffJson(before,
                     runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_primary.url() }
                         + window())
                         .json()),
            QString());

        const CliRun feedback = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), m_standbyUrl,
            QStringLiteral("--write-db"), m_primary.url(), QStringLiteral("--interaction"),
            m_ids[1].toString(QUuid::WithoutBraces), QStringLiteral("--rating"), QStringLiteral("1") });
        QVERIFY2(feedback.exitCode == 0, qPrintable(feedback.err));
        QCOMPARE(scalar(m_primaryStore, QStringLiteral("SELECT count(*) FROM chat_feedbacks")), 1);

        Store::OpenOptions gui; // what the app asks for: write access, migrations where they may run
        gui.migrate = true;
        auto pair = ReplicaPair::open(
            *StoreLocation::parse(m_standbyUrl), *StoreLocation::parse(m_primary.url()), gui);
        QVERIFY2(pair.ok(), qPrintable(pair.ok() ? QString() : pair.error().message));
        const StorePtr store = pair.value();
        QVERIFY(store->isStandby());
        QVERIFY(!store->writer()->isReadOnly());
        QCOMPARE(store->writer()->location().displayName(), m_primaryStore->location().displayName());
        const auto review
            = ReviewService(store).save(m_ids[2], QStringLiteral("dana"), 2, QStringLiteral("wrong"), {});
        QVERIFY2(review.ok(), qPrintable(review.ok() ? QString() : review.error().message));
        QCOMPARE(scalar(m_primaryStore, QStringLiteral("SELECT count(*) FROM ragscope_reviews")), 1);

        waitForReplay();
        const QJsonObject after
            = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_standbyUrl } + window())
                  .json();
        QCOMPARE(after.value(QStringLiteral("ratings")).toObject().value(QStringLiteral("1")).toInt(), 1);
        const auto history = ReviewService(store).history(m_ids[2]); // read on the standby
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().id, review->id);
        const auto feedbackSeen = FeedbackService(store).byInteraction(m_ids[1]);
        QVERIFY(feedbackSeen.ok() && feedbackSeen->has_value());
        QCOMPARE(feedbackSeen->value().rating, 1);
    }

    void rollupsRefreshedOnThePrimaryAnswerOnTheStandby()
    {
        // on the standby: nothing refreshed, said in one line (exit 0, as for any read-only role)
        const CliRun refused = runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), m_standbyUrl });
        QCOMPARE(refused.exitCode, 0);
        QVERIFY2(refused.out.startsWith(QLatin1String("read-only: rollups not refreshed"))
                && refused.out.contains(QLatin1String("read-only standby"))
                && refused.out.count(QLatin1Char('\n')) == 1,
            qPrintable(refused.out));

        const CliRun rollup = runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), m_primary.url() });
        QVERIFY2(rollup.exitCode == 0 && rollup.out.startsWith(QLatin1String("rollups up to")),
            qPrintable(rollup.out + rollup.err));
        // a late row in a rolled-up hour, then the primary's next refresh (its change log)
        InteractionRecord late;
        late.userId = QStringLiteral("user-late");
        late.query = late.answer = QStringLiteral("x");
        late.promptTokens = 7;
        late.model = QStringLiteral("gemini-1.5-flash-latest");
        late.createdAt = Now.addDays(-3);
        recordInteraction(m_primaryStore, late);
        QVERIFY(runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), m_primary.url() }).exitCode == 0);
        waitForReplay();

        const QStringList approx = window() << QStringLiteral("--approx");
        const QJsonObject onStandby
            = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_standbyUrl } + approx)
                  .json();
        QCOMPARE(onStandby.value(QStringLiteral("mode")).toString(), QStringLiteral("rollup"));
        QCOMPARE(onStandby.value(QStringLiteral("requests")).toInt(), 41);
        QCOMPARE(diffJson(onStandby,
                     runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_primary.url() }
                         + approx)
                         .json()),
            QString());
    }

private:
    /// Until the standby has replayed everything the primary has written so far (bounded).
    void waitForReplay()
    {
        // the insert position, not pg_current_wal_lsn(): with asynchronous commit (the fixture's
        // synchronous_commit = off) a commit may not be written yet when this runs
        auto lsn = m_primaryStore->exec(QStringLiteral("SELECT pg_current_wal_insert_lsn()::text"));
        QVERIFY(lsn.ok() && lsn.value().next());
        const QString target = lsn.value().value(0).toString();
        QElapsedTimer waited;
        waited.start();
        while (true) {
            auto q = m_standbyStore->exec(
                QStringLiteral("SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn)"), { target });
            QVERIFY2(q.ok(), qPrintable(q.ok() ? QString() : q.error().message));
            if (q.value().next() && q.value().value(0).toBool())
                return;
            QVERIFY2(waited.elapsed() < 15000, "the standby did not replay within 15 s");
            QThread::msleep(20);
        }
    }

    PrivateServer m_primary;
    QString m_standbyUrl;
    StorePtr m_primaryStore;
    StorePtr m_standbyStore;
    QList<QUuid> m_ids;
};

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"
