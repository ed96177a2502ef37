// `ragscope-cli push-reviews` end to end with `export`: a dry run prints what would change and
// writes nothing, a push adds the snapshot's new reviews, a second push adds none, a store the
// snapshot was not exported from is refused with exit 2 (one line) unless --force, and a missing
// snapshot file is exit 3.
#include "clirunner.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

class TestCliPushReviews : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QString m_snapshot;

    CliRun push(const QString& url, const QStringList& extra = {})
    {
        return runCli(QStringList { QStringLiteral("push-reviews"), QStringLiteral("--from"), m_snapshot,
                          QStringLiteral("--db"), url }
            + extra);
    }

private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        const QUuid id = recordInteraction(m_store, r);
        m_snapshot = m_dir.filePath(QStringLiteral("s.sqlite"));
        const CliRun exported = runCli({ QStringLiteral("export"), QStringLiteral("--db"), m_db.url(),
            QStringLiteral("--out"), m_snapshot });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        Store::OpenOptions writing;
        writing.access = Store::Access::Write;
        auto offline = Store::open(QStringLiteral("sqlite:") + m_snapshot, writing);
        QVERIFY(offline.ok());
        QVERIFY(ReviewService(offline.value())
                    .save(id, QStringLiteral("rita"), 1, QStringLiteral("wrong"), {})
                    .ok());
    }

    void dryRunThenPushThenNothing()
    {
        const CliRun dry = push(m_db.url(), { QStringLiteral("--dry-run") });
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.startsWith(QStringLiteral("would push 1 reviews")), qPrintable(dry.out));
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), 0);
        const CliRun once = push(m_db.url());
        QVERIFY2(once.exitCode == 0, qPrintable(once.err));
        QVERIFY2(once.out.startsWith(QStringLiteral("pushed 1 reviews, 0 already")), qPrintable(once.out));
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), 1);
        const CliRun twice = push(m_db.url());
        QVERIFY2(twice.exitCode == 0, qPrintable(twice.err));
        QVERIFY2(twice.out.startsWith(QStringLiteral("pushed 0 reviews, 1 already")), qPrintable(twice.out));
        QCOMPARE(countRows(*m_store, QStringLiteral("ragscope_reviews")), 1);
    }

    void wrongSourceIsRefusedUnlessForced()
    {
        TestDatabase other;
        const StorePtr otherStore = other.open();
        const CliRun refused = push(other.url());
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.trimmed().count(QLatin1Char('\n')) == 0
                && refused.err.contains(QStringLiteral("not from")),
            qPrintable(refused.err));
        const CliRun forced = push(other.url(), { QStringLiteral("--force") });
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QVERIFY2(forced.out.contains(QStringLiteral("1 skipped")), qPrintable(forced.out));
        QCOMPARE(countRows(*otherStore, QStringLiteral("ragscope_reviews")), 0);
    }

    void missingSnapshotIsNotFound()
    {
        const CliRun run = runCli({ QStringLiteral("push-reviews"), QStringLiteral("--from"),
            m_dir.filePath(QStringLiteral("absent.sqlite")), QStringLiteral("--db"), m_db.url() });
        QCOMPARE(run.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliPushReviews)
#include "tst_clipushreviews.moc"
