#include "clicommon.h"
#include "commands.h"
#include "costoptions.h"

#include "pricing/whatif.h"
#include "report/statsjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RagScope::Cli {

namespace {

QJsonObject amountJson(const WhatIfAmount& a)
{
    return { { QStringLiteral("before"), a.before.toString() },
        { QStringLiteral("after"), a.after.toString() },
        { QStringLiteral("difference"), a.difference().toString() } };
}

/// A typed price (--target-input/--target-output, USD per 1M tokens) as a table row.
Result<ModelPrice> typedPrice(const QCommandLineParser& parser)
{
    // through the price table's own parser: the same exact-decimal rules as a price file
    QJsonObject row { { QStringLiteral("prefix"), QStringLiteral("typed") },
        { QStringLiteral("input"), parser.value(QStringLiteral("target-input")) } };
    if (parser.isSet(QStringLiteral("target-output")))
        row.insert(QStringLiteral("output"), parser.value(QStringLiteral("target-output")));
    const QByteArray json
        = QJsonDocument(QJsonObject { { QStringLiteral("models"), QJsonArray { row } } }).toJson();
    RAGSCOPE_TRY(table, PriceTable::fromJson(json, QStringLiteral("--target-input/--target-output")));
    return table.rows().first();
}

} // namespace

int whatIfCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Re-price one model's traffic in a window (--model) at another model's price or a typed one, "
        "optionally only a share of it: window, monthly and annual cost before and after, exact."));
    addDbOption(parser);
    addFilterOptions(parser);
    addCostOptions(parser, false);
    parser.addOptions({
        { QStringLiteral("target-model"),
            QCoreApplication::translate("RagScope::Cli",
                "Price the traffic as this model (its price in effect "
                "at each request's time)."),
            QStringLiteral("model") },
        { QStringLiteral("target-input"),
            QCoreApplication::translate("RagScope::Cli", "Or a typed input price, USD per 1M tokens."),
            QStringLiteral("usd") },
        { QStringLiteral("target-output"),
            QCoreApplication::translate("RagScope::Cli", "Typed output price, USD per 1M tokens."),
            QStringLiteral("usd") },
        { QStringLiteral("share"),
            QCoreApplication::translate("RagScope::Cli", "Percent of the traffic to move (default 100)."),
            QStringLiteral("percent"), QStringLiteral("100") },
        { QStringLiteral("json"), QCoreApplication::translate("RagScope::Cli", "Print one JSON object.") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    auto filter = parseFilter(parser);
    if (!filter.ok())
        return fail(filter.error());
    if (!filter->model)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--model (the traffic to re-price) is required"));
    if (parser.isSet(QStringLiteral("target-model")) == parser.isSet(QStringLiteral("target-input")))
        return usage(
            QCoreApplication::translate("RagScope::Cli", "give either --target-model or --target-input"));
    const auto share = WhatIf::parsePercent(parser.value(QStringLiteral("share")));
    if (!share)
        return usage(QCoreApplication::translate(
            "RagScope::Cli", "--share must be a percentage from 0 to 100 with at most two decimals"));
    auto costs = parseCostOptions(parser, false);
    if (!costs.ok())
        return fail(costs.error());
    WhatIfScenario scenario;
    scenario.model = *filter->model;
    scenario.shareBasisPoints = *share;
    if (parser.isSet(QStringLiteral("target-model"))) {
        scenario.targetModel = parser.value(QStringLiteral("target-model"));
    } else {
        auto price = typedPrice(parser);
        if (!price.ok())
            return fail(price.error());
        scenario.typedPrice = price.value();
    }
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    auto ledger = CostLedger::load(store.value(), filter.value(), costs->prices);
    if (!ledger.ok())
        return fail(ledger.error());
    auto result = WhatIf::evaluate(ledger.value(), scenario);
    if (!result.ok())
        return fail(result.error());
    const WhatIfResult& r = result.value();
    const QString target = scenario.targetModel ? *scenario.targetModel : QStringLiteral("typed price");
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject json {
            { QStringLiteral("from"), isoUtc(filter->from) },
            { QStringLiteral("to"), isoUtc(filter->to) },
            { QStringLiteral("model"), scenario.model },
            { QStringLiteral("target"), target },
            { QStringLiteral("share_percent"), QString::number(*share / 100.0, 'f', 2) },
            { QStringLiteral("requests"), r.requests },
            { QStringLiteral("prompt_tokens"), r.promptTokens },
            { QStringLiteral("completion_tokens"), r.completionTokens },
            { QStringLiteral("unpriced_before"), r.unpricedBefore },
            { QStringLiteral("unpriced_after"), r.unpricedAfter },
            { QStringLiteral("window"), amountJson(r.window) },
            { QStringLiteral("monthly"), amountJson(r.monthly) },
            { QStringLiteral("annual"), amountJson(r.annual) },
        };
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    out(QStringLiteral("%1 → %2 (%3 % of %4 requests)\n")
            .arg(scenario.model, target, QString::number(*share / 100.0, 'f', 2))
            .arg(r.requests));
    const auto line = [](const QString& label, const WhatIfAmount& a) {
        out(QStringLiteral("%1 %2 → %3  (%4 USD)\n")
                .arg(label.leftJustified(8), a.before.toString().rightJustified(18),
                    a.after.toString().rightJustified(18), a.difference().toString()));
    };
    line(QStringLiteral("window"), r.window);
    line(QStringLiteral("monthly"), r.monthly);
    line(QStringLiteral("annual"), r.annual);
    if (r.unpricedBefore > 0 || r.unpricedAfter > 0)
        out(QStringLiteral(
            "WARNING: %1 requests had no price for %2, %3 none for the target; they are left as "
            "they were\n")
                .arg(r.unpricedBefore)
                .arg(scenario.model)
                .arg(r.unpricedAfter));
    return Ok;
}

} // namespace RagScope::Cli
