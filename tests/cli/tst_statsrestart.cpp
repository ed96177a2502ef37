// Fault drill: the PostgreSQL server restarts (`pg_ctl restart -m fast`) while
// `ragscope-cli stats --json` reads a store of 150,000 rows. Each run must
// either succeed with exactly the numbers of an undisturbed run or exit 4 with one line on
// stderr — never crash, print several lines, or succeed with other numbers.
#include "clirunner.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const char* FillSql = R"SQL(
SELECT setseed(0.7);
INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, total_latency_ms, retrieval_latency_ms,
    generation_latency_ms, prompt_tokens, completion_tokens, total_tokens, model_name, cost_estimate, created_at)
SELECT gen_random_uuid(), 'user-' || (g % 97), 'q', 'a', random(), 50 + random() * 3000, 10 + random() * 400,
       40 + random() * 2500, g % 3000, g % 800, g % 3800,
       (ARRAY['gemini-1.5-pro-latest', 'gemini-1.5-flash-latest', 'embedding-001'])[1 + g % 3],
       round((random() * 0.05)::numeric, 8), TIMESTAMPTZ '2026-08-01 00:00:00+00' + (g % 90) * INTERVAL '1 day'
           + random() * INTERVAL '1 day'
FROM generate_series(1, 150000) AS g;
INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)
SELECT gen_random_uuid(), id, 1 + floor(random() * 5)::int, NULL, created_at + INTERVAL '1 hour'
FROM chat_interactions WHERE random() < 0.2;
ANALYZE;
)SQL";

} // namespace

class TestStatsRestart : public QObject
{
    Q_OBJECT
private slots:
    void statsDuringAServerRestartIsRightOrOneLineExitFour()
    {
        TestDatabase db;
        db.open(); // RagScope's migrations create the tables and indexes
        db.execScript(QString::fromLatin1(FillSql));
        const QStringList args { QStringLiteral("stats"), QStringLiteral("--db"), db.url(),
            QStringLiteral("--from"), QStringLiteral("2026-08-01"), QStringLiteral("--to"),
            QStringLiteral("2026-11-01"), QStringLiteral("--json") };
        QElapsedTimer clock;
        clock.start();
        const CliRun undisturbed = runCli(args);
        const qint64 runMs = clock.elapsed();
        QVERIFY2(undisturbed.exitCode == 0, qPrintable(undisturbed.err));
        const QJsonObject expected = undisturbed.json();
        QCOMPARE(expected.value(QStringLiteral("requests")).toInteger(), 150000);

        // Restart at points spread over the run: while it connects, during its queries, near its end.
        int succeeded = 0, cut = 0;
        for (int i = 0; i < 10; ++i) {
            const qint64 delayMs = runMs * i / 8; // the last ones after the run: right answers to compare
            QProcess cli;
            cli.start(qEnvironmentVariable("RAGSCOPE_CLI"), args);
            QVERIFY(cli.waitForStarted());
            QTest::qSleep(int(delayMs));
            TestDatabase::restartServer();
            QVERIFY(cli.waitForFinished(120'000));
            const QString err = QString::fromUtf8(cli.readAllStandardError());
            const QString out = QString::fromUtf8(cli.readAllStandardOutput());
            const QString what = QStringLiteral("restart after %1 ms: exit %2, stderr: %3")
                                     .arg(delayMs)
                                     .arg(cli.exitCode())
                                     .arg(err);
            QVERIFY2(cli.exitStatus() == QProcess::NormalExit, qPrintable(what));
            if (cli.exitCode() == 0) {
                ++succeeded;
                QVERIFY2(err.isEmpty(), qPrintable(what));
                const QString diff = diffJson(expected, QJsonDocument::fromJson(out.toUtf8()).object());
                QVERIFY2(diff.isEmpty(), qPrintable(what + QStringLiteral(": ") + diff));
            } else {
                ++cut;
                QVERIFY2(cli.exitCode() == 4, qPrintable(what));
                QVERIFY2(err.startsWith(QLatin1String("ragscope-cli: ")) && err.endsWith(QLatin1Char('\n'))
                        && err.count(QLatin1Char('\n')) == 1,
                    qPrintable(what));
                QVERIFY2(out.isEmpty(), qPrintable(what));
            }
        }
        qInfo("undisturbed run %lld ms; during restarts: %d right answers, %d one-line exit 4", runMs,
            succeeded, cut);
        // The server is back: the next run answers as before.
        const CliRun after = runCli(args);
        QVERIFY2(after.exitCode == 0, qPrintable(after.err));
        QVERIFY(diffJson(expected, after.json()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStatsRestart)
#include "tst_statsrestart.moc"
