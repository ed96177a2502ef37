#include "fixtures.h"
#include "metrics/metricscollector.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(RagScope::FigureChange::Kind)

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
    void percentagesNeedABaselineOf30PreviousRequests_data();
    void percentagesNeedABaselineOf30PreviousRequests();
    void absoluteChangesNeedBothValues();
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
    // The previous window has 2 requests: too few for percentages, differences instead.
    QCOMPARE(overview->requestsDifference(), 2);
    QCOMPARE(overview->requests().kind, Kind::Difference);
    QCOMPARE(overview->requests().amount, 2.0);
    QCOMPARE(overview->costDifference().toString(), QStringLiteral("0.50000000"));
    QCOMPARE(overview->totalCost().kind, Kind::Difference);
    QCOMPARE(overview->avgLatency().kind, Kind::Difference);
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
    QCOMPARE(first->requests().kind, Kind::NoPrevious);
    QCOMPARE(first->avgLatency().kind, Kind::NoPrevious);
    QCOMPARE(first->costDifference().toString(), QStringLiteral("0.00000000"));
    QCOMPARE(first->totalCost().kind, Kind::NoPrevious);
    QCOMPARE(first->avgConfidence().kind, Kind::NoPrevious);
}

void OverviewReportTest::percentagesNeedABaselineOf30PreviousRequests_data()
{
    using Kind = FigureChange::Kind;
    QTest::addColumn<std::optional<double>>("current");
    QTest::addColumn<std::optional<double>>("previous");
    QTest::addColumn<qint64>("previousRequests");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<double>("amount");
    const std::optional<double> none;
    QTest::newRow("no previous window")
        << std::optional(10.0) << none << qint64(0) << Kind::NoPrevious << 0.0;
    QTest::newRow("empty previous window")
        << std::optional(10.0) << std::optional(0.0) << qint64(0) << Kind::NoPrevious << 0.0;
    QTest::newRow("nothing in this window")
        << none << std::optional(5.0) << qint64(40) << Kind::NoCurrent << 0.0;
    QTest::newRow("same on a small baseline")
        << std::optional(5.0) << std::optional(5.0) << qint64(3) << Kind::Same << 0.0;
    QTest::newRow("29 previous requests: difference")
        << std::optional(58.0) << std::optional(29.0) << qint64(29) << Kind::Difference << 29.0;
    QTest::newRow("30 previous requests: percent")
        << std::optional(60.0) << std::optional(30.0) << qint64(30) << Kind::Moved << 100.0;
    QTest::newRow("previous value 0: difference")
        << std::optional(5.0) << std::optional(0.0) << qint64(100) << Kind::Difference << 5.0;
    QTest::newRow("fall on a big baseline")
        << std::optional(50.0) << std::optional(100.0) << qint64(100) << Kind::Moved << -50.0;
    QTest::newRow("fall on a small baseline")
        << std::optional(1.0) << std::optional(40000.0) << qint64(2) << Kind::Difference << -39999.0;
}

void OverviewReportTest::percentagesNeedABaselineOf30PreviousRequests()
{
    QFETCH(std::optional<double>, current);
    QFETCH(std::optional<double>, previous);
    QFETCH(qint64, previousRequests);
    QFETCH(FigureChange::Kind, kind);
    QFETCH(double, amount);
    QCOMPARE(FigureChange::MinimumBaseline, 30);
    const FigureChange change = FigureChange::relative(current, previous, previousRequests);
    QCOMPARE(change.kind, kind);
    QCOMPARE(change.amount, amount);
}

void OverviewReportTest::absoluteChangesNeedBothValues()
{
    using Kind = FigureChange::Kind;
    QCOMPARE(FigureChange::absolute(0.5, std::nullopt).kind, Kind::NoPrevious);
    QCOMPARE(FigureChange::absolute(std::nullopt, 0.5).kind, Kind::NoCurrent);
    QCOMPARE(FigureChange::absolute(0.5, 0.5).kind, Kind::Same);
    const FigureChange moved = FigureChange::absolute(0.75, 0.5);
    QCOMPARE(moved.kind, Kind::Moved);
    QCOMPARE(moved.amount, 0.25);
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
