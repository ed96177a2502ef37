#include "clicommon.h"
#include "commands.h"
#include "costoptions.h"

#include "base/isotime.h"
#include "planning/budgetstore.h"
#include "planning/costplanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RagScope::Cli {

namespace {

QJsonValue optionalMoney(const std::optional<Money>& m)
{
    return m ? QJsonValue(m->toString()) : QJsonValue();
}

QJsonObject burnDownJson(const BurnDown& b, CostView view, const QString& budgetSource)
{
    QJsonArray days;
    for (const BurnDownPoint& p : b.points)
        days.append(QJsonObject { { QStringLiteral("day"), p.day.toString(Qt::ISODate) },
            { QStringLiteral("cumulative"), p.cumulative.toString() },
            { QStringLiteral("low80"), p.low.toString() }, { QStringLiteral("high80"), p.high.toString() },
            { QStringLiteral("forecast"), p.forecast } });
    return {
        { QStringLiteral("as_of"), b.asOf.toString(Qt::ISODate) },
        { QStringLiteral("month"), b.monthStart.toString(QStringLiteral("yyyy-MM")) },
        { QStringLiteral("cost_view"), costViewName(view) },
        { QStringLiteral("actual_to_date"), b.actualToDate.toString() },
        { QStringLiteral("forecast_month_total"), b.projectedMonth.toString() },
        { QStringLiteral("forecast_low80"), b.projectedLow.toString() },
        { QStringLiteral("forecast_high80"), b.projectedHigh.toString() },
        { QStringLiteral("naive_month_total"), b.naiveMonth.toString() },
        { QStringLiteral("budget"), optionalMoney(b.budget) },
        { QStringLiteral("budget_source"), b.budget ? QJsonValue(budgetSource) : QJsonValue() },
        { QStringLiteral("status"),
            !b.budget ? QJsonValue()
                      : QJsonValue(b.onTrack() ? QStringLiteral("on_track") : QStringLiteral("over")) },
        { QStringLiteral("over_by"),
            b.budget && !b.onTrack() ? QJsonValue(b.overBy().toString()) : QJsonValue() },
        { QStringLiteral("run_out_date"),
            b.runOut ? QJsonValue(b.runOut->toString(Qt::ISODate)) : QJsonValue() },
        { QStringLiteral("note"),
            QStringLiteral(
                "forecast amounts are model estimates rounded to cents; actual amounts are exact") },
        { QStringLiteral("days"), days },
    };
}

} // namespace

int forecastCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "This month's cost: actual to date, the forecast to month end with an 80% band (trend + weekday "
        "factors over the last 56 days), the naive projection, and the date a monthly budget runs out."));
    addDbOption(parser);
    addCostOptions(parser, true);
    parser.addOptions({
        { QStringLiteral("budget"),
            QCoreApplication::translate("RagScope::Cli",
                "Monthly budget in USD (decimal); default: the store's budget for the scope."),
            QStringLiteral("usd") },
        { QStringLiteral("model"), QCoreApplication::translate("RagScope::Cli", "Only this model's cost."),
            QStringLiteral("model") },
        { QStringLiteral("as-of"),
            QCoreApplication::translate("RagScope::Cli",
                "Plan as on this UTC day (YYYY-MM-DD; default today): earlier days are actual."),
            QStringLiteral("day") },
        { QStringLiteral("json"), QCoreApplication::translate("RagScope::Cli", "Print one JSON object.") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    std::optional<Money> budget;
    if (parser.isSet(QStringLiteral("budget"))) {
        const auto parsed = Money::parse(parser.value(QStringLiteral("budget")));
        if (!parsed.ok() || parsed.value().units() < 0)
            return usage(QCoreApplication::translate(
                "RagScope::Cli", "--budget must be a non-negative decimal amount of USD"));
        budget = parsed.value();
    }
    QDate asOf = QDateTime::currentDateTimeUtc().date();
    if (parser.isSet(QStringLiteral("as-of"))) {
        const auto t = parseIsoTime(parser.value(QStringLiteral("as-of")), QStringLiteral("--as-of"));
        if (!t.ok())
            return fail(t.error());
        asOf = t.value().date();
    }
    auto costs = parseCostOptions(parser, true);
    if (!costs.ok())
        return fail(costs.error());
    std::optional<QString> model;
    if (parser.isSet(QStringLiteral("model")))
        model = parser.value(QStringLiteral("model"));
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    QString budgetSource = QStringLiteral("option");
    if (!budget) {
        // the team's budget for this scope (total, or --model's), when the store holds one
        auto stored = BudgetStore(store.value()).budget(model);
        if (!stored.ok())
            return fail(stored.error());
        budget = stored.value();
        budgetSource = QStringLiteral("store");
    }
    auto plan = CostPlanner::burnDown(store.value(), costs->prices, costs->view, asOf, budget, model);
    if (!plan.ok())
        return fail(plan.error());
    const BurnDown& b = plan.value();
    if (parser.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(
            QJsonDocument(burnDownJson(b, costs->view, budgetSource)).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    out(QStringLiteral("month %1 as of %2 (%3 cost)\n")
            .arg(b.monthStart.toString(QStringLiteral("yyyy-MM")), b.asOf.toString(Qt::ISODate),
                costViewName(costs->view)));
    out(QStringLiteral("actual to date   %1 USD\n").arg(b.actualToDate.toString()));
    out(QStringLiteral("forecast month   %1 USD (80%: %2 – %3)\n")
            .arg(b.projectedMonth.toString(), b.projectedLow.toString(), b.projectedHigh.toString()));
    out(QStringLiteral("naive projection %1 USD\n").arg(b.naiveMonth.toString()));
    if (b.budget) {
        out(QStringLiteral("budget           %1 USD (%2): %3\n")
                .arg(b.budget->toString(),
                    budgetSource == QLatin1String("store") ? QStringLiteral("from the store")
                                                           : QStringLiteral("from --budget"),
                    b.onTrack() ? QStringLiteral("on track")
                                : QStringLiteral("over by %1 USD on %2")
                                      .arg(b.overBy().toString(), b.monthEnd.toString(Qt::ISODate))));
        if (b.runOut)
            out(QStringLiteral("budget runs out  %1\n").arg(b.runOut->toString(Qt::ISODate)));
    }
    return Ok;
}

} // namespace RagScope::Cli
