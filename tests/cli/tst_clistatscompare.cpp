// `ragscope-cli stats --compare` through the real binary, in both dialects: the "previous"
// object holds the previous window of the same length and the changes, equal to the
// hand-counted figures of the fixture (tests/support/fixtures.h, recordOverviewWeeks).
#include "clirunner.h"
#include "fixtures.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

class CliStatsCompareTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonHasThePreviousWindowAndTheChanges();
    void textShowsThePreviousWindow();
    void withoutCompareThereIsNoPreviousObject();

private:
    QStringList statsArgs() const
    {
        return { QStringLiteral("stats"), QStringLiteral("--db"), m_db.url(), QStringLiteral("--from"),
            QStringLiteral("2026-01-08"), QStringLiteral("--to"), QStringLiteral("2026-01-15") };
    }

    TestDatabase m_db;
};

void CliStatsCompareTest::initTestCase()
{
    recordOverviewWeeks(m_db.open());
}

void CliStatsCompareTest::jsonHasThePreviousWindowAndTheChanges()
{
    const CliRun run = runCli(statsArgs() << QStringLiteral("--json") << QStringLiteral("--compare"));
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("requests")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("total_cost_usd")).toString(), QStringLiteral("0.50000000"));

    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "window": { "from": "2026-01-01T00:00:00Z", "to": "2026-01-08T00:00:00Z" },
        "requests": 2,
        "total_cost_usd": "0.00000000",
        "unpriced_requests": 0,
        "avg_latency_ms": 100.0,
        "p95_latency_ms": 100.0,
        "avg_confidence": 0.8,
        "average_rating": null,
        "feedback_rate": 0.0,
        "projection": { "daily_avg_usd": "0.00000000", "monthly_usd": "0.00000000", "annual_usd": "0.00000000" },
        "change": {
            "requests": 2, "requests_pct": null,
            "total_cost_usd": "0.50000000", "total_cost_pct": null,
            "avg_latency_ms": 150.0, "avg_latency_pct": null,
            "p95_latency_ms": 285.0, "p95_latency_pct": null,
            "avg_confidence": -0.1,
            "average_rating": null,
            "feedback_rate": 0.5
        }
    })")
                                     .object();
    const QString difference = diffJson(expected, json.value(QStringLiteral("previous")), 1e-12);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void CliStatsCompareTest::textShowsThePreviousWindow()
{
    const CliRun run = runCli(statsArgs() << QStringLiteral("--compare"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.out.contains(QStringLiteral("previous window       2026-01-01T00:00:00Z → 2026-01-08T00:00:00Z")),
        qPrintable(run.out));
    // Two previous requests are too few for a percentage (FigureChange::MinimumBaseline).
    QVERIFY2(run.out.contains(QStringLiteral("0.50000000 USD, too few previous data for a %")),
        qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("+150.00%")), qPrintable(run.out));
}

void CliStatsCompareTest::withoutCompareThereIsNoPreviousObject()
{
    const CliRun run = runCli(statsArgs() << QStringLiteral("--json"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.json().contains(QStringLiteral("previous")));
}

QTEST_GUILESS_MAIN(CliStatsCompareTest)
#include "tst_clistatscompare.moc"
