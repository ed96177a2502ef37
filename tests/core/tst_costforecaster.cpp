#include "planning/burndown.h"
#include "planning/costforecaster.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace RagScope;

/// The forecast on synthetic series with a known trend and weekday pattern, and the burn-down
/// arithmetic on a series worked out by hand.
class CostForecasterTest : public QObject
{
    Q_OBJECT

private slots:
    void recoversTrendAndWeekdayFactorsExactly();
    void bandCoversAboutEightyPercentUnderNoise();
    void ignoresASpikeDay();
    void plansTheMonthAgainstABudget();
    void emptyHistoryForecastsNothing();
};

namespace {
// Monday +3 … Sunday −3: sums to 0
constexpr double Weekday[7] = { 3, 2, 1, 0, -1, -2, -3 };
const QDate Start(2026, 9, 7); // a Monday

double truth(int t)
{
    return 10 + 0.5 * t + Weekday[Start.addDays(t).dayOfWeek() - 1];
}
} // namespace

void CostForecasterTest::recoversTrendAndWeekdayFactorsExactly()
{
    QList<double> history;
    for (int t = 0; t < 56; ++t)
        history << truth(t);
    const CostForecaster f(history, Start);
    QCOMPARE(f.slope(), 0.5);
    for (int w = 1; w <= 7; ++w)
        QVERIFY2(std::abs(f.weekdayFactor(w) - Weekday[w - 1]) < 1e-9, qPrintable(QString::number(w)));
    const QList<ForecastDay> days = f.forecast(14);
    QCOMPARE(days.size(), 14);
    QCOMPARE(days.first().day, Start.addDays(56));
    for (int h = 0; h < 14; ++h)
        QVERIFY(std::abs(days[h].expected - truth(56 + h)) < 1e-9);
    QVERIFY(std::abs(f.cumulative(7).expected - [] {
        double s = 0;
        for (int t = 56; t < 63; ++t)
            s += truth(t);
        return s;
    }()) < 1e-9);
    QCOMPARE(f.naiveDaily(), 10 + 0.5 * 27.5); // the mean of the history (weekday terms sum to 0)
}

void CostForecasterTest::bandCoversAboutEightyPercentUnderNoise()
{
    // Gaussian noise, σ = 2: the 80% band of the next day should hold about 80% of outcomes.
    QRandomGenerator rng(42);
    const auto gauss = [&rng] {
        const double u1 = 1.0 - rng.generateDouble(), u2 = rng.generateDouble();
        return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
    };
    int inside = 0;
    const int trials = 400;
    for (int trial = 0; trial < trials; ++trial) {
        QList<double> history;
        for (int t = 0; t < 56; ++t)
            history << truth(t) + 2 * gauss();
        const CostForecaster f(history, Start);
        const ForecastDay next = f.forecast(1).first();
        const double outcome = truth(56) + 2 * gauss();
        inside += outcome >= next.low && outcome <= next.high;
        QVERIFY(std::abs(f.slope() - 0.5) < 0.25);
    }
    const double coverage = double(inside) / trials;
    QVERIFY2(coverage > 0.72 && coverage < 0.90, qPrintable(QString::number(coverage)));
}

void CostForecasterTest::ignoresASpikeDay()
{
    QList<double> history;
    for (int t = 0; t < 56; ++t)
        history << truth(t);
    history[40] += 500; // one backfill day
    const CostForecaster f(history, Start);
    QCOMPARE(f.slope(), 0.5);
    QVERIFY(std::abs(f.forecast(1).first().expected - truth(56)) < 1e-9);
}

void CostForecasterTest::plansTheMonthAgainstABudget()
{
    // $10 every day; November 2026 has 30 days; as of the 16th: 15 actual days.
    QList<Money> history;
    const QDate first = QDate(2026, 11, 16).addDays(-56);
    for (int i = 0; i < 56; ++i)
        history << Money::fromUnits(10 * Money::UnitsPerDollar);
    const BurnDown b = BurnDownPlanner::plan(
        history, first, QDate(2026, 11, 16), Money::fromUnits(250 * Money::UnitsPerDollar));
    QCOMPARE(b.monthStart, QDate(2026, 11, 1));
    QCOMPARE(b.monthEnd, QDate(2026, 11, 30));
    QCOMPARE(b.points.size(), 30);
    QCOMPARE(b.actualToDate, Money::fromUnits(150 * Money::UnitsPerDollar));
    QCOMPARE(b.projectedMonth, Money::fromUnits(300 * Money::UnitsPerDollar));
    QCOMPARE(b.naiveMonth, Money::fromUnits(300 * Money::UnitsPerDollar));
    QVERIFY(!b.onTrack());
    QCOMPARE(b.overBy(), Money::fromUnits(50 * Money::UnitsPerDollar));
    // 150 + 10 × j > 250 first for j = 11: the 11th forecast day, 2026-11-26
    QCOMPARE(b.runOut, QDate(2026, 11, 26));
    QVERIFY(!b.points[14].forecast);
    QVERIFY(b.points[15].forecast);
    QCOMPARE(b.points[15].day, QDate(2026, 11, 16));

    const BurnDown enough = BurnDownPlanner::plan(
        history, first, QDate(2026, 11, 16), Money::fromUnits(300 * Money::UnitsPerDollar));
    QVERIFY(enough.onTrack());
    QVERIFY(!enough.runOut);
}

void CostForecasterTest::emptyHistoryForecastsNothing()
{
    const BurnDown b = BurnDownPlanner::plan({}, QDate(2026, 10, 1), QDate(2026, 11, 2), std::nullopt);
    QCOMPARE(b.projectedMonth, Money());
    QCOMPARE(b.points.size(), 30);
    QVERIFY(b.onTrack());
}

QTEST_GUILESS_MAIN(CostForecasterTest)
#include "tst_costforecaster.moc"
