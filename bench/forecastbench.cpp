// ragscope-forecastbench: backtest of the cost forecast (CostForecaster: robust trend + weekday
// factors) against the naive projection (the fitted days' mean × days), on the demo store and on
// a generated store with a trend. Rolling origins: at each day with 56 days of history before it,
// fit on those 56 days, forecast the next 7 and 30 days, and compare the forecast *sum* with the
// actual sum (absolute percentage error); prints the mean over all origins (MAPE). Never a test.
//   ragscope-forecastbench [--dir DIR]
#include "demo/demogenerator.h"
#include "planning/burndown.h"
#include "planning/costforecaster.h"
#include "pricing/costledger.h"
#include "recorder/interactionrecorder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace RagScope;

namespace {

const QDate Last(2026, 11, 30); // both stores end here (exclusive)
constexpr int Days = 210;

/// 210 days of traffic growing from 40 to ~200 requests a day, weekends at 40%, ±15% noise.
bool fillTrendStore(const StorePtr& store)
{
    QRandomGenerator rng(7);
    const InteractionRecorder recorder(store, CostTracker());
    const QDate first = Last.addDays(-Days);
    for (int t = 0; t < Days; ++t) {
        const QDate day = first.addDays(t);
        const double weekday = day.dayOfWeek() >= 6 ? 0.4 : 1.0;
        const int n = int(std::lround((40 + 0.75 * t) * weekday * (0.85 + 0.3 * rng.generateDouble())));
        QList<InteractionRecord> rows;
        for (int i = 0; i < n; ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("user-%1").arg(rng.bounded(300));
            r.query = QStringLiteral("q");
            r.answer = QStringLiteral("a");
            r.model = QStringLiteral("gemini-1.5-pro-latest");
            r.promptTokens = 800 + rng.bounded(1600);
            r.completionTokens = 100 + rng.bounded(500);
            r.createdAt = QDateTime(day, QTime(8, 0), Qt::UTC).addSecs(rng.bounded(10 * 3600));
            rows << r;
        }
        if (!recorder.recordBatch(rows).ok())
            return false;
    }
    return true;
}

QList<double> dailyCost(const StorePtr& store)
{
    Filter all;
    all.from = QDateTime(Last.addDays(-Days), QTime(0, 0), Qt::UTC);
    all.to = QDateTime(Last, QTime(0, 0), Qt::UTC);
    const auto ledger = CostLedger::load(store, all, PriceTable::builtIn());
    QList<double> out;
    if (!ledger.ok())
        return out;
    for (const Money& m : ledger->dailySeries(CostView::Stored, Last.addDays(-Days), Last))
        out << double(m.units()) / double(Money::UnitsPerDollar);
    return out;
}

struct Mape
{
    double forecast = 0;
    double naive = 0;
    int origins = 0;
};

/// Skips leading days without cost (before the store's first request).
Mape backtest(QList<double> series, const QDate& firstDay, int horizon)
{
    int skip = 0;
    while (skip < series.size() && series[skip] == 0)
        ++skip;
    series = series.mid(skip);
    const QDate start = firstDay.addDays(skip);
    const int fit = BurnDownPlanner::HistoryDays;
    Mape m;
    for (int origin = fit; origin + horizon <= series.size(); ++origin) {
        const CostForecaster f(series.mid(origin - fit, fit), start.addDays(origin - fit));
        double actual = 0;
        for (int h = 0; h < horizon; ++h)
            actual += series[origin + h];
        if (actual <= 0)
            continue;
        m.forecast += std::abs(f.cumulative(horizon).expected - actual) / actual;
        m.naive += std::abs(f.naiveDaily() * horizon - actual) / actual;
        ++m.origins;
    }
    if (m.origins > 0) {
        m.forecast = 100 * m.forecast / m.origins;
        m.naive = 100 * m.naive / m.origins;
    }
    return m;
}

void report(const char* name, const QList<double>& series)
{
    for (int horizon : { 7, 30 }) {
        const Mape m = backtest(series, Last.addDays(-Days), horizon);
        std::printf(
            "| %s | %d days | %d | %.1f%% | %.1f%% |\n", name, horizon, m.origins, m.forecast, m.naive);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("dir"),
        QStringLiteral("Where to build the two stores (default: a temp dir)."), QStringLiteral("dir") });
    parser.addHelpOption();
    parser.process(app);
    QTemporaryDir temp;
    const QString dir
        = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();

    DemoOptions demo;
    demo.days = Days;
    demo.rows = 40000;
    demo.end = QDateTime(Last, QTime(0, 0), Qt::UTC);
    const QString demoPath = dir + QStringLiteral("/demo.sqlite");
    if (!DemoGenerator::createSqlite(demoPath, demo).ok()) {
        std::fprintf(stderr, "cannot create the demo store\n");
        return 1;
    }
    Store::OpenOptions create;
    create.migrate = true;
    create.createSchema = true;
    create.createIfMissing = true;
    const auto trend = Store::open(dir + QStringLiteral("/trend.sqlite"), create);
    if (!trend.ok() || !fillTrendStore(trend.value())) {
        std::fprintf(stderr, "cannot create the trend store\n");
        return 1;
    }
    const auto demoStore = Store::open(demoPath, Store::OpenOptions {});
    if (!demoStore.ok())
        return 1;
    std::printf(
        "| store | horizon (sum of) | origins | MAPE forecast | MAPE naive |\n|---|---|---|---|---|\n");
    report("demo (210 days, 40k rows)", dailyCost(demoStore.value()));
    report("trend (40 → 200 req/day)", dailyCost(trend.value()));
    return 0;
}
