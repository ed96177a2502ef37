// `ragscope-cli models` through the real binary, in both dialects, on the hand-worked fixture
// of tests/support/modelfixture.h: the issue's JSON shape, exact counts and money, figures
// equal to `stats --json --model M`, the text table, and bad arguments.
#include "clirunner.h"
#include "modelfixture.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;
using namespace Qt::StringLiterals;

namespace {

const QStringList Window { u"--from"_s, u"2026-03-02T00:00:00Z"_s, u"--to"_s, u"2026-03-16T00:00:00Z"_s };

} // namespace

class TestCliModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::recordModelComparison(m_db.open()); }

    void jsonHasTheIssuesShape()
    {
        const CliRun run = runCli(QStringList { u"models"_s, u"--db"_s, m_db.url(), u"--json"_s } + Window);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        const QJsonArray models = run.json()[u"models"_s].toArray();
        QCOMPARE(models.size(), 3);
        QCOMPARE(models[0][u"model"_s].toString(), u"alpha"_s);
        QCOMPARE(models[1][u"model"_s].toString(), u"beta"_s);
        QVERIFY(models[2][u"model"_s].isNull());
        const QJsonObject a = models[0].toObject();
        QCOMPARE(a[u"requests"_s].toInteger(), 4);
        QCOMPARE(a[u"cost_usd"_s].toString(), u"0.30000003"_s);
        QCOMPARE(a[u"cost_per_request_usd"_s].toString(), u"0.07500001"_s);
        QCOMPARE(a[u"cost_per_1k_tokens_usd"_s].toString(), u"0.04545455"_s);
        QCOMPARE(a[u"unpriced_requests"_s].toInteger(), 1);
        QCOMPARE(a[u"feedback_rate"_s].toDouble(), 0.75);
        QCOMPARE(a[u"latency_ms"_s][u"total"_s][u"p95"_s].toDouble(), 385.0);
        QCOMPARE(a[u"latency_ms"_s][u"generation"_s][u"p50"_s].toDouble(), 150.0);
        const QJsonObject rating = a[u"rating"_s].toObject();
        QCOMPARE(rating[u"count"_s].toInteger(), 3);
        QCOMPARE(rating[u"ci95"_s].toArray().size(), 2);
        QVERIFY(rating[u"ci95"_s][0].toDouble() < rating[u"mean"_s].toDouble());
        const QJsonObject low = a[u"low_rated_rate"_s].toObject();
        QCOMPARE(low[u"value"_s].toDouble(), 1.0 / 3.0);
        QCOMPARE(low[u"ci95"_s].toArray().size(), 2);
        QCOMPARE(a[u"reviews"_s][u"reviewed"_s].toInteger(), 2);
        // No ratings: mean and intervals are null, the count 0.
        const QJsonObject none = models[2].toObject();
        QCOMPARE(none[u"rating"_s][u"count"_s].toInteger(), 0);
        QVERIFY(none[u"rating"_s][u"mean"_s].isNull());
        QVERIFY(none[u"rating"_s][u"ci95"_s].isNull());
        QVERIFY(none[u"low_rated_rate"_s][u"ci95"_s].isNull());
        QCOMPARE(none[u"cost_usd"_s].toString(), u"0.00000000"_s);
    }

    void figuresEqualStatsOfTheModel()
    {
        const CliRun models
            = runCli(QStringList { u"models"_s, u"--db"_s, m_db.url(), u"--json"_s } + Window);
        QCOMPARE(models.exitCode, 0);
        for (const QJsonValue& m : models.json()[u"models"_s].toArray()) {
            if (m[u"model"_s].isNull())
                continue;
            const CliRun stats = runCli(QStringList { u"stats"_s, u"--db"_s, m_db.url(), u"--json"_s,
                                            u"--model"_s, m[u"model"_s].toString() }
                + Window);
            QCOMPARE(stats.exitCode, 0);
            const QJsonObject s = stats.json();
            QCOMPARE(m[u"requests"_s].toInteger(), s[u"requests"_s].toInteger());
            QCOMPARE(m[u"cost_usd"_s].toString(), s[u"total_cost_usd"_s].toString());
            QCOMPARE(m[u"avg_confidence"_s].toDouble(), s[u"avg_confidence"_s].toDouble());
            for (const QString& kind : { u"total"_s, u"retrieval"_s, u"generation"_s }) {
                for (const QString& level : { u"p50"_s, u"p95"_s }) {
                    const QString diff = diffJson(s[u"latency_percentiles_ms"_s][kind][level],
                        m[u"latency_ms"_s][kind][level], 0.0, kind + u'.' + level);
                    QVERIFY2(diff.isEmpty(), qPrintable(diff));
                }
            }
        }
    }

    void userNarrowsAndAbAddsWeeks()
    {
        const CliRun run = runCli(QStringList { u"models"_s, u"--db"_s, m_db.url(), u"--json"_s, u"--user"_s,
                                      u"u2"_s, u"--model-a"_s, u"alpha"_s, u"--model-b"_s, u"beta"_s }
            + Window);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = run.json();
        QCOMPARE(json[u"models"_s].toArray().size(), 2);
        QCOMPARE(json[u"models"_s][0][u"cost_usd"_s].toString(), u"0.20000002"_s);
        const QJsonObject ab = json[u"ab"_s].toObject();
        QCOMPARE(ab[u"min_sample"_s].toInteger(), 20);
        QCOMPARE(ab[u"window"_s][u"enough_data"_s].toBool(), false);
        QCOMPARE(ab[u"weeks"_s].toArray().size(), 1);
        QCOMPARE(ab[u"weeks"_s][0][u"week"_s].toString(), u"2026-03-02"_s);
    }

    void textTableListsEveryModel()
    {
        const CliRun run = runCli(QStringList { u"models"_s, u"--db"_s, m_db.url() } + Window);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"rating [95% CI]"_s));
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // window line, header, three models
        QVERIFY(lines[2].startsWith(u"alpha "_s));
        QVERIFY(lines[2].contains(u"0.30000003"_s));
        QVERIFY(lines[4].startsWith(u"(no model)"_s));
    }

    void badArgumentsExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no window") << QStringList {};
        QTest::newRow("from after to")
            << QStringList { u"--from"_s, u"2026-03-16T00:00:00Z"_s, u"--to"_s, u"2026-03-02T00:00:00Z"_s };
        QTest::newRow("bad time") << QStringList { u"--from"_s, u"yesterday"_s, u"--to"_s,
            u"2026-03-02T00:00:00Z"_s };
        QTest::newRow("model-a alone") << Window + QStringList { u"--model-a"_s, u"alpha"_s };
    }
    void badArgumentsExit2()
    {
        QFETCH(QStringList, args);
        const CliRun run = runCli(QStringList { u"models"_s, u"--db"_s, m_db.url() } + args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count(u'\n'), 1);
        QVERIFY(run.out.isEmpty());
    }

    void listedInHelp()
    {
        const CliRun run = runCli({ u"--help"_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"  models "_s));
    }

private:
    TestDatabase m_db;
};

QTEST_GUILESS_MAIN(TestCliModels)
#include "tst_climodels.moc"
