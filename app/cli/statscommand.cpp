#include "clicommon.h"
#include "commands.h"
#include "costoptions.h"

#include "metrics/metricscollector.h"
#include "money/costdisplay.h"
#include "pricing/costledger.h"
#include "report/statsjson.h"
#include "rollup/rollupcollector.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace RagScope::Cli {

namespace {

QString number(const std::optional<double>& v, int decimals = 1)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("—");
}

QString humanReport(const StatsReport& r)
{
    QString s;
    const auto line = [&s](const QString& label, const QString& value) {
        s += label.leftJustified(22, QLatin1Char(' ')) + value + QLatin1Char('\n');
    };
    line(QStringLiteral("window"), isoUtc(r.filter.from) + QStringLiteral(" → ") + isoUtc(r.filter.to));
    line(QStringLiteral("requests"), QString::number(r.kpis.requests));
    line(QStringLiteral("tokens (in/out)"),
        QStringLiteral("%1 / %2").arg(r.kpis.promptTokens).arg(r.kpis.completionTokens));
    const auto cost
        = [&r](Money amount) { return CostDisplay::sum(amount, r.kpis.requests, r.kpis.unpricedRequests); };
    line(QStringLiteral("total cost"),
        cost(r.kpis.totalCost) + QStringLiteral("  (") + r.kpis.totalCost.toString()
            + QStringLiteral(" USD)"));
    if (r.kpis.unpricedRequests > 0)
        line(QStringLiteral("WARNING"),
            QStringLiteral("%1 requests of models without a price have no cost")
                .arg(r.kpis.unpricedRequests));
    line(QStringLiteral("projection"),
        QStringLiteral("%1/day, %2/month, %3/year")
            .arg(cost(r.projection.dailyAverage), cost(r.projection.monthly), cost(r.projection.annual)));
    line(QStringLiteral("avg latency"), number(r.kpis.avgLatencyMs) + QStringLiteral(" ms"));
    const auto pcts = [&](const QString& name, const Percentiles& p) {
        line(name,
            QStringLiteral("p50 %1  p75 %2  p90 %3  p95 %4  p99 %5 ms")
                .arg(number(p.values[0]), number(p.values[1]), number(p.values[2]), number(p.values[3]),
                    number(p.values[4])));
    };
    pcts(QStringLiteral("latency total"), r.latency.total);
    pcts(QStringLiteral("latency retrieval"), r.latency.retrieval);
    pcts(QStringLiteral("latency generation"), r.latency.generation);
    line(QStringLiteral("avg confidence"), number(r.kpis.avgConfidence, 3));
    QStringList buckets;
    for (qint64 n : r.confidence.buckets)
        buckets << QString::number(n);
    line(QStringLiteral("confidence buckets"),
        buckets.join(QLatin1Char(' ')) + QStringLiteral("  unknown %1").arg(r.confidence.unknown));
    QStringList ratings;
    for (int i = 0; i < 5; ++i)
        ratings << QStringLiteral("%1★ %2").arg(i + 1).arg(r.ratings.counts[size_t(i)]);
    line(QStringLiteral("ratings"),
        ratings.join(QStringLiteral("  ")) + QStringLiteral("  avg ") + number(r.ratings.average, 2));
    const auto rate = r.ratings.feedbackRate();
    line(QStringLiteral("feedback rate"),
        rate ? QString::number(*rate * 100, 'f', 1) + QLatin1Char('%') : QStringLiteral("—"));
    s += QStringLiteral("\ndaily cost\n");
    for (const DailyCost& d : r.dailyCost)
        s += QStringLiteral("  %1  %2 %3 %4\n")
                 .arg(d.day, d.model.value_or(QStringLiteral("(no model)")).leftJustified(26),
                     QString::number(d.requests).rightJustified(7),
                     CostDisplay::sum(d.cost, d.requests, d.unpricedRequests, CostDisplay::Style::Plain)
                         .rightJustified(16));
    return s;
}

QString humanComparison(const OverviewReport& c)
{
    const auto change = [](const FigureChange& f, const QString& unit) -> QString {
        switch (f.kind) {
        case FigureChange::Kind::NoPrevious:
            return QStringLiteral("no data in the previous window");
        case FigureChange::Kind::NoCurrent:
            return QStringLiteral("no data in this window");
        case FigureChange::Kind::Same:
            return QStringLiteral("no change");
        case FigureChange::Kind::Difference:
            return QStringLiteral("too few previous data for a %");
        case FigureChange::Kind::Moved:
            break;
        }
        return (f.amount > 0 ? QStringLiteral("+") : QString()) + QString::number(f.amount, 'f', 2) + unit;
    };
    const OverviewFigures& p = c.previous;
    QString s = QStringLiteral("\nprevious window       %1 → %2\n")
                    .arg(isoUtc(c.filter.previous().from), isoUtc(c.filter.previous().to));
    const auto line = [&s](const QString& label, const QString& value, const QString& delta) {
        s += QStringLiteral("  ") + label.leftJustified(20, QLatin1Char(' '))
            + value.leftJustified(24, QLatin1Char(' ')) + delta + QLatin1Char('\n');
    };
    line(QStringLiteral("requests"), QString::number(p.kpis.requests),
        change(c.requests(), QStringLiteral("%")));
    line(QStringLiteral("total cost"), p.kpis.totalCost.toString() + QStringLiteral(" USD"),
        c.costDifference().toString() + QStringLiteral(" USD, ")
            + change(c.totalCost(), QStringLiteral("%")));
    line(QStringLiteral("avg latency"), number(p.kpis.avgLatencyMs) + QStringLiteral(" ms"),
        change(c.avgLatency(), QStringLiteral("%")));
    line(QStringLiteral("p95 latency"), number(p.p95LatencyMs) + QStringLiteral(" ms"),
        change(c.p95Latency(), QStringLiteral("%")));
    line(QStringLiteral("avg confidence"), number(p.kpis.avgConfidence, 3),
        change(c.avgConfidence(), QString()));
    line(QStringLiteral("avg rating"), number(p.ratings.average, 2), change(c.avgRating(), QString()));
    const auto rate = p.ratings.feedbackRate();
    line(QStringLiteral("feedback rate"),
        rate ? QString::number(*rate * 100, 'f', 1) + QLatin1Char('%') : QStringLiteral("—"),
        change(c.feedbackRate(), QString()));
    return s;
}

} // namespace

int statsCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "RagScope::Cli", "Metrics of a window (store contract §3), as a table or as JSON (§5)."));
    addDbOption(parser);
    addFilterOptions(parser);
    parser.addOption({ QStringLiteral("json"),
        QCoreApplication::translate("RagScope::Cli", "Print one JSON object (store contract §5).") });
    parser.addOption({ QStringLiteral("approx"),
        QCoreApplication::translate("RagScope::Cli",
            "Answer from the rollups (`ragscope-cli rollup`) where they cover the window: counts and money "
            "exact, percentiles within 1%. Adds \"mode\": \"rollup\" or \"raw\" (no usable rollups).") });
    parser.addOption({ QStringLiteral("compare"),
        QCoreApplication::translate("RagScope::Cli",
            "Also the previous window of the same length and the changes (JSON: \"previous\").") });
    addCostOptions(parser, true);
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    auto filter = parseFilter(parser);
    if (!filter.ok())
        return fail(filter.error());
    auto costs = parseCostOptions(parser, true);
    if (!costs.ok())
        return fail(costs.error());
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    const bool approx = parser.isSet(QStringLiteral("approx"));
    Result<RollupReport> report = RollupReport {};
    if (approx) {
        report = RollupCollector(store.value()).report(filter.value());
    } else {
        auto exact = MetricsCollector(store.value()).report(filter.value());
        if (!exact.ok())
            return fail(exact.error());
        report = RollupReport { exact.value(), false };
    }
    if (!report.ok())
        return fail(report.error());
    const bool recomputed = costs->view == CostView::Recomputed;
    if (recomputed) {
        // token sums per model, day and price period, priced here (always from the raw table)
        auto ledger = CostLedger::load(store.value(), filter.value(), costs->prices);
        if (!ledger.ok())
            return fail(ledger.error());
        ledger->applyTo(&report.value().report, CostView::Recomputed);
    }
    std::optional<OverviewReport> comparison;
    if (parser.isSet(QStringLiteral("compare"))) {
        const Filter before = filter.value().previous();
        Result<OverviewFigures> previous = OverviewFigures {};
        if (approx) {
            const auto rolled = RollupCollector(store.value()).report(before);
            previous = rolled.ok() ? Result<OverviewFigures>(OverviewFigures::from(rolled->report))
                                   : Result<OverviewFigures>(rolled.error());
        } else {
            previous = MetricsCollector(store.value()).overviewFigures(before);
        }
        if (!previous.ok())
            return fail(previous.error());
        if (recomputed) {
            auto ledger = CostLedger::load(store.value(), before, costs->prices);
            if (!ledger.ok())
                return fail(ledger.error());
            previous.value().kpis.totalCost
                = ledger->total(CostView::Recomputed, &previous.value().kpis.unpricedRequests);
        }
        comparison = OverviewReport { filter.value(), OverviewFigures::from(report.value().report),
            previous.value() };
    }
    const QString mode = report.value().fromRollups ? QStringLiteral("rollup") : QStringLiteral("raw");
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject json = statsToJson(report.value().report);
        if (approx)
            json.insert(QStringLiteral("mode"), mode);
        if (parser.isSet(QStringLiteral("cost")))
            json.insert(QStringLiteral("cost_view"), costViewName(costs->view));
        if (comparison)
            json.insert(QStringLiteral("previous"), previousToJson(*comparison));
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    } else {
        out(humanReport(report.value().report) + (comparison ? humanComparison(*comparison) : QString())
            + (approx ? QStringLiteral("\nmode: %1\n").arg(mode) : QString())
            + (recomputed ? QStringLiteral("\ncost: recomputed (tokens × price table %1)\n")
                                .arg(costs->prices.origin())
                          : QString()));
    }
    return Ok;
}

} // namespace RagScope::Cli
