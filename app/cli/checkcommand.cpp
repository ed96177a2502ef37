// ragscope-cli check: the alert rules as a monitoring plugin (Nagios, Icinga, Zabbix, Sensu).
// Its exit statuses are the plugin conventions, not the other commands' table: 0 OK,
// 1 WARNING, 2 CRITICAL, 3 UNKNOWN (any error: bad arguments or rules, store unreachable).
#include "clicommon.h"
#include "commands.h"

#include "alerts/alertevaluator.h"
#include "alerts/alertrulesfile.h"
#include "report/statsjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace RagScope::Cli {

namespace {

constexpr int Unknown = 3;

/// The plugin's UNKNOWN: the first line on stdout for the monitoring system, the usual one line
/// on stderr, exit 3 whatever went wrong.
int unknown(const QString& message, bool json)
{
    if (json) {
        const QJsonObject o { { QStringLiteral("status"), QStringLiteral("UNKNOWN") },
            { QStringLiteral("exit_code"), Unknown }, { QStringLiteral("error"), message } };
        out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
    } else {
        out(QStringLiteral("RAGSCOPE UNKNOWN - %1\n").arg(message));
    }
    fail(makeError(ErrorKind::InvalidInput, message));
    return Unknown;
}

/// One performance-data item: 'label'=value[UOM];warn;crit (plugin guidelines).
QString perfData(const AlertResult& r)
{
    QString label = r.label();
    label.replace(QLatin1Char('\''), QStringLiteral("''"));
    label.replace(QLatin1Char('='), QLatin1Char('_'));
    const AlertRule& rule = r.rule;
    const auto num = [](double v) { return QString::number(v, 'g', 10); };
    if (rule.kind == AlertRule::Kind::CostTotal) {
        return QStringLiteral("'%1'=%2;%3;%4")
            .arg(label, r.cost ? r.cost->toString() : QStringLiteral("U"),
                rule.warnCost ? rule.warnCost->toString() : QString(),
                rule.criticalCost ? rule.criticalCost->toString() : QString());
    }
    const bool share
        = rule.kind == AlertRule::Kind::LowConfidenceShare || rule.kind == AlertRule::Kind::LowRatingShare;
    const double scale = share ? 100.0 : 1.0;
    const QString uom = rule.kind == AlertRule::Kind::LatencyPercentile ? QStringLiteral("ms")
        : share                                                         ? QStringLiteral("%")
                                                                        : QString();
    return QStringLiteral("'%1'=%2%3;%4;%5")
        .arg(label, r.value ? num(*r.value * scale) : QStringLiteral("U"), uom,
            rule.warn ? num(*rule.warn * scale) : QString(),
            rule.critical ? num(*rule.critical * scale) : QString());
}

QJsonObject toJson(const AlertResult& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("rule"), r.rule.name);
    o.insert(QStringLiteral("kind"), AlertRule::kindName(r.rule.kind));
    o.insert(QStringLiteral("group"),
        r.rule.groupBy == AlertRule::GroupBy::None ? QJsonValue() : QJsonValue(r.group));
    o.insert(QStringLiteral("state"), alertStateName(r.state));
    if (r.rule.kind == AlertRule::Kind::CostTotal)
        o.insert(QStringLiteral("value"), r.cost ? QJsonValue(r.cost->toString()) : QJsonValue());
    else
        o.insert(QStringLiteral("value"), r.value ? QJsonValue(*r.value) : QJsonValue());
    o.insert(QStringLiteral("count"), r.count);
    o.insert(QStringLiteral("note"), r.note.isEmpty() ? QJsonValue() : QJsonValue(r.note));
    o.insert(QStringLiteral("window"),
        QJsonObject { { QStringLiteral("from"), isoUtc(r.window.from) },
            { QStringLiteral("to"), isoUtc(r.window.to) } });
    o.insert(QStringLiteral("summary"), r.summary());
    return o;
}

} // namespace

int checkCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Evaluate the alert rules as a monitoring plugin. Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN "
        "(any error) — plugin conventions, unlike the other commands."));
    addDbOption(parser);
    parser.addOption({ QStringLiteral("rules"),
        QCoreApplication::translate(
            "RagScope::Cli", "Rules file (JSON, README \"Alerts\"); the four default rules without it."),
        QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("at"),
        QCoreApplication::translate(
            "RagScope::Cli", "Evaluate as of this moment (ISO 8601; windows end there) instead of now."),
        QStringLiteral("ISO") });
    parser.addOption({ QStringLiteral("json"),
        QCoreApplication::translate("RagScope::Cli", "Print one JSON object for scripts.") });
    int exitNow = Ok;
    const bool json = args.contains(QStringLiteral("--json"));
    if (!parse(parser, args, &exitNow))
        return exitNow == Ok ? Ok : Unknown;
    QList<AlertRule> rules = AlertRule::defaults();
    if (parser.isSet(QStringLiteral("rules"))) {
        auto loaded = AlertRulesFile::load(parser.value(QStringLiteral("rules")));
        if (!loaded.ok())
            return unknown(loaded.error().message, json);
        rules = loaded.value();
    }
    QDateTime at = QDateTime::currentDateTimeUtc();
    if (parser.isSet(QStringLiteral("at"))) {
        auto parsed = parseTime(parser.value(QStringLiteral("at")), QStringLiteral("--at"));
        if (!parsed.ok())
            return unknown(parsed.error().message, json);
        at = parsed.value();
    }
    auto store = openStore(parser, false);
    if (!store.ok())
        return unknown(store.error().message, json);
    auto results = AlertEvaluator(store.value()).evaluate(rules, at);
    if (!results.ok())
        return unknown(results.error().message, json);

    const AlertState worst = AlertEvaluator::worst(results.value());
    const int status = int(worst);
    if (json) {
        QJsonArray array;
        for (const AlertResult& r : results.value())
            array.append(toJson(r));
        const QJsonObject o { { QStringLiteral("status"), alertStateName(worst) },
            { QStringLiteral("exit_code"), status }, { QStringLiteral("at"), isoUtc(at) },
            { QStringLiteral("results"), array } };
        out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
        return status;
    }
    QStringList firing;
    QStringList perf;
    QString details;
    for (const AlertResult& r : results.value()) {
        if (r.state == worst && worst != AlertState::Ok)
            firing << r.summary();
        perf << perfData(r);
        details += QStringLiteral("%1: %2\n").arg(alertStateName(r.state), r.summary());
    }
    const QString headline = worst == AlertState::Ok ? QStringLiteral("%1 rules OK").arg(rules.size())
                                                     : firing.join(QStringLiteral(", "));
    out(QStringLiteral("RAGSCOPE %1 - %2 | %3\n%4")
            .arg(alertStateName(worst), headline, perf.join(QLatin1Char(' ')), details));
    return status;
}

} // namespace RagScope::Cli
