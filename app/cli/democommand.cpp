#include "clicommon.h"
#include "commands.h"
#include "progressprinter.h"

#include "demo/demogenerator.h"
#include "money/pricetable.h"
#include "report/statsjson.h"
#include "store/outputtarget.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace RagScope::Cli {

int demoCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Create a realistic demo SQLite store: 90 days, several models, skewed users, ~20% feedback. "
        "The same --seed and --end give the same rows."));
    parser.addOptions({
        { QStringLiteral("out"),
            QCoreApplication::translate("RagScope::Cli",
                "The .sqlite file to create (an existing SQLite file is replaced once the new one "
                "is complete)."),
            QStringLiteral("file") },
        { QStringLiteral("rows"),
            QCoreApplication::translate("RagScope::Cli", "Interactions (default 20000)."),
            QStringLiteral("n"), QStringLiteral("20000") },
        { QStringLiteral("seed"), QCoreApplication::translate("RagScope::Cli", "Random seed (default 42)."),
            QStringLiteral("n"), QStringLiteral("42") },
        { QStringLiteral("days"),
            QCoreApplication::translate("RagScope::Cli", "Days of history (default 90)."),
            QStringLiteral("n"), QStringLiteral("90") },
        { QStringLiteral("end"),
            QCoreApplication::translate(
                "RagScope::Cli", "End of the data (ISO 8601, default: now, cut to the hour)."),
            QStringLiteral("time") },
        { QStringLiteral("pricing"),
            QCoreApplication::translate(
                "RagScope::Cli", "Price table JSON to cost the rows with (default: the built-in table)."),
            QStringLiteral("file") },
    });
    ProgressPrinter::addOption(parser);
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--out FILE.sqlite is required"));
    DemoOptions options;
    bool rowsOk = false, seedOk = false, daysOk = false;
    options.rows = parser.value(QStringLiteral("rows")).toInt(&rowsOk);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    options.days = parser.value(QStringLiteral("days")).toInt(&daysOk);
    if (!rowsOk || options.rows < 1 || options.rows > 50'000'000)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--rows must be a whole number from 1 to 50000000"));
    if (!seedOk)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--seed must be a non-negative whole number"));
    if (!daysOk || options.days < 1 || options.days > 3650)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--days must be a whole number from 1 to 3650"));
    if (parser.isSet(QStringLiteral("end"))) {
        auto end = parseTime(parser.value(QStringLiteral("end")), QStringLiteral("end"));
        if (!end.ok())
            return fail(end.error());
        options.end = end.value();
    }
    if (parser.isSet(QStringLiteral("pricing"))) {
        auto table = PriceTable::fromFile(parser.value(QStringLiteral("pricing")));
        if (!table.ok())
            return fail(table.error());
        options.prices = table.value();
    }
    const QString target = parser.value(QStringLiteral("out"));
    if (const Status replaceable = OutputTarget::checkReplaceable(target); !replaceable.ok())
        return fail(replaceable.error());
    QElapsedTimer timer;
    timer.start();
    ProgressPrinter progress(parser);
    auto summary = DemoGenerator::createSqlite(target, options, [&](qint64 done, qint64 total) {
        progress.update(done, total);
        return true;
    });
    progress.finish();
    if (!summary.ok())
        return fail(summary.error());
    out(QStringLiteral("demo store %1: %2 interactions, %3 feedbacks, %4 reviews, %5 → %6 (%7 ms)\n")
            .arg(target)
            .arg(summary.value().interactions)
            .arg(summary.value().feedbacks)
            .arg(summary.value().reviews)
            .arg(isoUtc(summary.value().from), isoUtc(summary.value().to))
            .arg(timer.elapsed()));
    return Ok;
}

} // namespace RagScope::Cli
