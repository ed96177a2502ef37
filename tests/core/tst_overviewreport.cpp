#include "fixtures.h"
#include "metrics/metricscollector.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;

namespace {

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
}

StorePtr fixtureStore(const Test::TestDatabase& db)
{
    const StorePtr store = db.open();
    Test::recordOverviewWeeks(store);
    return store;
}

Filter week()
{
    return Filter { utc("2026-01-08T00:00:00Z"), utc("2026-01-15T00:00:00Z"), {}, {} };
}

} // namespace

class OverviewReportTest : public QObject
{
    Q_OBJECT

private slots:
    void figuresOfBothWindowsEqualTheHandCountedOnes();
    void changesAreComputedFromTheTwoWindows();
    void figuresEqualThoseOfTheFullReport();
};

void OverviewReportTest::figuresOfBothWindowsEqualTheHandCountedOnes()
{
    Test::TestDatabase db;
    const auto overview = MetricsCollector(fixtureStore(db)).overview(week());
    QVERIFY2(overview.ok(), qPrintable(overview.ok() ? QString() : overview.error().message));
    QCOMPARE(overview->filter, week());

    const OverviewFigures& now = overview->current;
    QCOMPARE(now.kpis.requests, 4);
    QCOMPARE(now.kpis.totalCost.toString(), QStringLiteral("0.50000000"));
    QCOMPARE(now.kpis.unpricedRequests, 1);
    QCOMPARE(now.kpis.avgLatencyMs, std::optional<double>(250.0));
    QVERIFY(now.p95LatencyMs && qFuzzyCompare(*now.p95LatencyMs, 385.0)); // 300 + 0.85 × (400 − 300)
    QVERIFY(now.kpis.avgConfidence && qFuzzyCompare(*now.kpis.avgConfidence, 0.7));
    QCOMPARE(now.ratings.counts, (std::array<qint64, 5> { 0, 1, 0, 0, 1 }));
    QCOMPARE(now.ratings.average, std::optional<double>(3.5));
    QCOMPARE(now.ratings.feedbackRate(), std::optional<double>(0.5));
    // 0.5 USD over 7 days, each rounded once to 8 places (half to even)
    QCOMPARE(now.projection.dailyAverage.toString(), QStringLiteral("0.07142857"));
    QCOMPARE(now.projection.monthly.toString(), QStringLiteral("2.14285714"));
    QCOMPARE(now.projection.annual.toString(), QStringLiteral("26.07142857"));

    const OverviewFigures& before = overview->previous;
    QCOMPARE(before.kpis.requests, 2);
    QCOMPARE(before.kpis.totalCost.toString(), QStringLiteral("0.00000000"));
    QCOMPARE(before.kpis.unpricedRequests, 0);
    QCOMPARE(before.kpis.avgLatencyMs, std::optional<double>(100.0));
    QCOMPARE(before.p95LatencyMs, std::optional<double>(100.0));
    QVERIFY(before.kpis.avgConfidence && qFuzzyCompare(*before.kpis.avgConfidence, 0.8));
    QCOMPARE(before.ratings.total(), 0);
    QVERIFY(!before.ratings.average);
    QCOMPARE(before.ratings.feedbackRate(), std::optional<double>(0.0));
}

void OverviewReportTest::changesAreComputedFromTheTwoWindows()
{
    Test::TestDatabase db;
    const auto overview = MetricsCollector(fixtureStore(db)).overview(week());
    QVERIFY(overview.ok());
    using Kind = FigureChange::Kind;
    QCOMPARE(overview->requestsDifference(), 2);
    QCOMPARE(overview->requests().kind, Kind::Moved);
    QCOMPARE(overview->requests().amount, 100.0);
    QCOMPARE(overview->costDifference().toString(), QStringLiteral("0.50000000"));
    QCOMPARE(overview->totalCost().kind, Kind::New); // from $0
    QCOMPARE(overview->avgLatency().amount, 150.0);
    QVERIFY(qFuzzyCompare(overview->p95Latency().amount, 285.0));
    QCOMPARE(overview->avgConfidence().kind, Kind::Moved);
    QVERIFY(qFuzzyCompare(overview->avgConfidence().amount, -0.1));
    QCOMPARE(overview->feedbackRate().amount, 0.5);
    QCOMPARE(overview->avgRating().kind, Kind::NoPrevious);

    // A window that has nothing before it.
    const auto first = MetricsCollector(db.open()).overview(week().previous());
    QVERIFY(first.ok());
    QCOMPARE(first->current.kpis.requests, 2);
    QCOMPARE(first->requests().kind, Kind::New);
    QCOMPARE(first->avgLatency().kind, Kind::NoPrevious);
    QCOMPARE(first->costDifference().toString(), QStringLiteral("0.00000000"));
    QCOMPARE(first->totalCost().kind, Kind::Same);
}

void OverviewReportTest::figuresEqualThoseOfTheFullReport()
{
    Test::TestDatabase db;
    const MetricsCollector metrics(fixtureStore(db));
    const auto figures = metrics.overviewFigures(week());
    const auto report = metrics.report(week());
    QVERIFY(figures.ok() && report.ok());
    const OverviewFigures fromReport = OverviewFigures::from(report.value());
    QCOMPARE(figures->kpis.requests, fromReport.kpis.requests);
    QCOMPARE(figures->kpis.totalCost, fromReport.kpis.totalCost);
    QCOMPARE(figures->kpis.avgLatencyMs, fromReport.kpis.avgLatencyMs);
    QCOMPARE(figures->p95LatencyMs, fromReport.p95LatencyMs);
    QCOMPARE(figures->ratings.counts, fromReport.ratings.counts);
    QCOMPARE(figures->projection.annual, fromReport.projection.annual);
}

QTEST_GUILESS_MAIN(OverviewReportTest)
#include "tst_overviewreport.moc"
