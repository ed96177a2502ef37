#include "clicommon.h"
#include "commands.h"

#include "comparison/modelcomparer.h"
#include "comparison/modelsjson.h"
#include "report/statsjson.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace RagScope::Cli {

namespace {

using namespace ComparisonStats;

QString num(const std::optional<double>& v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("—");
}

QString percent(const std::optional<double>& v)
{
    return v ? QString::number(*v * 100, 'f', 1) + QLatin1Char('%') : QStringLiteral("—");
}

QString range(const std::optional<Interval>& i, int decimals, double scale = 1)
{
    return i ? QStringLiteral("[%1, %2]")
                   .arg(QString::number(i->lo * scale, 'f', decimals),
                       QString::number(i->hi * scale, 'f', decimals))
             : QString();
}

QString moneyText(const std::optional<Money>& m)
{
    return m ? m->toString() : QStringLiteral("—");
}

QString humanTable(const ModelComparison& c)
{
    const QStringList headers { QStringLiteral("model"), QStringLiteral("requests"), QStringLiteral("share"),
        QStringLiteral("cost USD"), QStringLiteral("USD/request"), QStringLiteral("USD/1k tok"),
        QStringLiteral("p50/p95 ms"), QStringLiteral("conf"), QStringLiteral("feedback"),
        QStringLiteral("rating [95% CI]"), QStringLiteral("low-rated [Wilson 95%]"),
        QStringLiteral("reviewed") };
    QList<QStringList> rows { headers };
    for (const ModelFigures& m : c.models) {
        rows << QStringList { m.displayName(), QString::number(m.requests), percent(c.share(m)),
            m.cost.toString(), moneyText(m.costPerRequest()), moneyText(m.costPer1kTokens()),
            num(m.latency.total.p50(), 0) + QLatin1Char('/') + num(m.latency.total.p95(), 0),
            num(m.avgConfidence, 3), percent(m.feedbackRate()),
            QStringLiteral("%1 %2 (n=%3)")
                .arg(num(m.meanRating(), 2), range(m.meanRatingCi95(), 2))
                .arg(m.ratingCount()),
            QStringLiteral("%1 %2").arg(percent(m.lowRatedRate()), range(m.lowRatedWilson95(), 1, 100)),
            QString::number(m.reviews.reviewed) };
    }
    QList<qsizetype> widths(headers.size(), 0);
    for (const QStringList& row : rows) {
        for (qsizetype k = 0; k < row.size(); ++k)
            widths[k] = std::max(widths[k], row[k].size());
    }
    QString s = QStringLiteral("window %1 → %2 (ratings: answers produced in the window)\n")
                    .arg(isoUtc(c.filter.from), isoUtc(c.filter.to));
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype k = 0; k < row.size(); ++k)
            cells << (k == 0 ? row[k].leftJustified(widths[k]) : row[k].rightJustified(widths[k]));
        s += cells.join(QStringLiteral("  ")) + QLatin1Char('\n');
    }
    if (c.models.isEmpty())
        s += QStringLiteral("(no interactions in this window)\n");
    return s;
}

QString testsLine(const AbTests& t)
{
    if (!t.enoughData)
        return QStringLiteral("not enough data (%1 and %2 ratings; at least %3 each)")
            .arg(total(t.a))
            .arg(total(t.b))
            .arg(MinSamplePerModel);
    const auto p = [](const std::optional<double>& v) {
        return v ? QString::number(*v, 'g', 3) : QStringLiteral("—");
    };
    QStringList parts;
    if (t.meanRating)
        parts << QStringLiteral("mean rating A−B %1 %2 (Welch p %3)")
                     .arg(QString::number(t.meanRating->estimate, 'f', 3), range(t.meanRating->ci95, 3),
                         p(t.meanRating->pValue));
    if (t.ratings)
        parts << QStringLiteral("Mann-Whitney U %1 p %2")
                     .arg(QString::number(t.ratings->u, 'f', 1), p(t.ratings->pValue));
    if (t.lowRatedRate)
        parts << QStringLiteral("low-rated A−B %1 pts %2 (z-test p %3)")
                     .arg(QString::number(t.lowRatedRate->estimate * 100, 'f', 1),
                         range(t.lowRatedRate->ci95, 1, 100), p(t.lowRatedRate->pValue));
    return parts.join(QStringLiteral("; "));
}

QString humanAb(const AbComparison& ab)
{
    QString s = QStringLiteral("\nA = %1, B = %2\nwindow: %3\n").arg(ab.a, ab.b, testsLine(ab.window));
    for (const AbWeek& w : ab.weeks)
        s += QStringLiteral("  week of %1  requests %2/%3  %4\n")
                 .arg(w.monday.toString(Qt::ISODate))
                 .arg(w.requestsA)
                 .arg(w.requestsB)
                 .arg(testsLine(w.tests));
    return s;
}

} // namespace

int modelsCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Models side by side in a window: requests, stored cost, latency, confidence, feedback, ratings "
        "of the answers each model produced in the window (with 95% intervals), reviewers' verdicts."));
    addDbOption(parser);
    parser.addOptions({
        { QStringLiteral("from"),
            QCoreApplication::translate("RagScope::Cli", "Window start (inclusive), ISO 8601 UTC."),
            QStringLiteral("time") },
        { QStringLiteral("to"),
            QCoreApplication::translate("RagScope::Cli", "Window end (exclusive), ISO 8601 UTC."),
            QStringLiteral("time") },
        { QStringLiteral("user"), QCoreApplication::translate("RagScope::Cli", "Only this user id."),
            QStringLiteral("user") },
        { QStringLiteral("model-a"),
            QCoreApplication::translate("RagScope::Cli",
                "With --model-b: also test model A against B (overall and per "
                "UTC week; JSON: \"ab\")."),
            QStringLiteral("model") },
        { QStringLiteral("model-b"),
            QCoreApplication::translate("RagScope::Cli", "The second model of --model-a."),
            QStringLiteral("model") },
        { QStringLiteral("json"),
            QCoreApplication::translate(
                "RagScope::Cli", "Print one JSON object {\"window\", \"models\": […]}.") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--from and --to are required"));
    if (parser.isSet(QStringLiteral("model-a")) != parser.isSet(QStringLiteral("model-b")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--model-a and --model-b go together"));
    Filter filter;
    auto from = parseTime(parser.value(QStringLiteral("from")), QStringLiteral("from"));
    if (!from.ok())
        return fail(from.error());
    auto to = parseTime(parser.value(QStringLiteral("to")), QStringLiteral("to"));
    if (!to.ok())
        return fail(to.error());
    if (!(from.value() < to.value()))
        return usage(QCoreApplication::translate("RagScope::Cli", "--from must be before --to"));
    filter.from = from.value();
    filter.to = to.value();
    if (parser.isSet(QStringLiteral("user")))
        filter.user = parser.value(QStringLiteral("user"));
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    const ModelComparer comparer(store.value());
    auto comparison = comparer.compare(filter);
    if (!comparison.ok())
        return fail(comparison.error());
    std::optional<AbComparison> ab;
    if (parser.isSet(QStringLiteral("model-a"))) {
        auto result = comparer.compare(
            filter, parser.value(QStringLiteral("model-a")), parser.value(QStringLiteral("model-b")));
        if (!result.ok())
            return fail(result.error());
        ab = result.value();
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject json = modelsToJson(comparison.value());
        if (ab)
            json.insert(QStringLiteral("ab"), abToJson(*ab));
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    } else {
        out(humanTable(comparison.value()) + (ab ? humanAb(*ab) : QString()));
    }
    return Ok;
}

} // namespace RagScope::Cli
