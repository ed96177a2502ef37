// `ragscope-cli rollup` and `stats --approx` through the real binary, in both dialects: the
// approximate JSON equals `stats --json` (counts and money exactly, percentiles within 1%) plus
// "mode", and falls back to raw before the first rollup.
#include "clirunner.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

/// Rows over the last five days up to now (the open hour included), a third with feedback.
void fill(const StorePtr& store, const QDateTime& now)
{
    QRandomGenerator rng(7);
    const QStringList models { QStringLiteral("gemini-1.5-pro-latest"),
        QStringLiteral("gemini-1.5-flash-latest"), QStringLiteral("Zeta-model") };
    for (int n = 0; n < 500; ++n) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(rng.bounded(4));
        r.query = r.answer = QStringLiteral("x");
        if (rng.bounded(10) != 0)
            r.confidence = rng.bounded(1001) / 1000.0;
        r.totalLatencyMs = 200 * std::exp(2 * rng.generateDouble());
        r.retrievalLatencyMs = 30 * std::exp(2 * rng.generateDouble());
        r.generationLatencyMs = 150 * std::exp(2 * rng.generateDouble());
        r.promptTokens = rng.bounded(2000);
        r.completionTokens = rng.bounded(500);
        r.model = models[rng.bounded(int(models.size()))];
        r.createdAt = now.addSecs(-qint64(rng.bounded(5 * 86400)));
        const QUuid id = recordInteraction(store, r);
        if (rng.bounded(3) == 0)
            FixtureWriter(store).addFeedback(
                id, 1 + rng.bounded(5), std::min(r.createdAt.addSecs(rng.bounded(7200)), now));
    }
}

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

} // namespace

class TestCliRollup : public QObject
{
    Q_OBJECT

private slots:
    void approxStatsEqualStatsAfterRollup()
    {
        TestDatabase db;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        fill(db.open(), now);
        const QStringList window { QStringLiteral("--db"), db.url(), QStringLiteral("--from"),
            iso(now.addSecs(-6 * 86400 + 1017)), QStringLiteral("--to"), iso(now.addSecs(3600)),
            QStringLiteral("--json") };

        const CliRun before = runCli(
            QStringList { QStringLiteral("stats") } + window + QStringList { QStringLiteral("--approx") });
        QCOMPARE(before.exitCode, 0);
        QCOMPARE(before.json().value(QStringLiteral("mode")).toString(), QStringLiteral("raw"));

        const CliRun rollup = runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), db.url() });
        QVERIFY2(rollup.exitCode == 0, qPrintable(rollup.err));
        QVERIFY2(rollup.out.startsWith(QLatin1String("rollups up to")), qPrintable(rollup.out));
        const CliRun again = runCli({ QStringLiteral("rollup"), QStringLiteral("--db"), db.url() });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QLatin1String("rebuilt 0 hours and 0 days")), qPrintable(again.out));

        QJsonObject exact = runCli(QStringList { QStringLiteral("stats") } + window).json();
        const CliRun approxRun = runCli(
            QStringList { QStringLiteral("stats") } + window + QStringList { QStringLiteral("--approx") });
        QCOMPARE(approxRun.exitCode, 0);
        QJsonObject approx = approxRun.json();
        QCOMPARE(approx.take(QStringLiteral("mode")).toString(), QStringLiteral("rollup"));
        QVERIFY(!exact.contains(QStringLiteral("mode")));
        const QJsonObject exactPct = exact.take(QStringLiteral("latency_percentiles_ms")).toObject();
        const QJsonObject approxPct = approx.take(QStringLiteral("latency_percentiles_ms")).toObject();
        for (const QString& kind : exactPct.keys()) {
            for (const QString& level : exactPct[kind].toObject().keys()) {
                const double e = exactPct[kind][level].toDouble();
                const double a = approxPct[kind][level].toDouble();
                QVERIFY2(std::fabs(a - e) <= 0.01 * std::fabs(e),
                    qPrintable(QStringLiteral("%1 %2: %3 vs %4").arg(kind, level).arg(a).arg(e)));
            }
        }
        // counts and money exactly; the means are sums of doubles in the rollups, not the exact
        // mean of stats, so they may differ in the last bits
        QCOMPARE(diffJson(exact, approx, 1e-12), QString());
    }

    void rollupNeedsTheDbOption()
    {
        const CliRun run = runCli({ QStringLiteral("rollup") });
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliRollup)
#include "tst_clirollup.moc"
