#include "clicommon.h"
#include "commands.h"

#include "snapshot/snapshotexporter.h"

#include "progressprinter.h"

#include <QCoreApplication>

namespace RagScope::Cli {

int exportCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Export a store, or the window --from/--to (optionally one --user/--model), as a SQLite snapshot "
        "for offline analysis. `stats` of that window on the snapshot equals `stats` on the source."));
    addDbOption(parser);
    addFilterOptions(parser);
    parser.addOption({ QStringLiteral("out"),
        QCoreApplication::translate("RagScope::Cli",
            "The .sqlite file to write: replaced only when the snapshot is complete, never the "
            "source itself."),
        QStringLiteral("file") });
    ProgressPrinter::addOption(parser);
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--out FILE.sqlite is required"));
    std::optional<Filter> window;
    if (parser.isSet(QStringLiteral("from")) || parser.isSet(QStringLiteral("to"))) {
        auto filter = parseFilter(parser);
        if (!filter.ok())
            return fail(filter.error());
        window = filter.value();
    } else if (parser.isSet(QStringLiteral("user")) || parser.isSet(QStringLiteral("model"))) {
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--user/--model need a window (--from and --to)"));
    }
    // A bad --out is refused before the source is even opened, so that it stays untouched.
    const QString target = parser.value(QStringLiteral("out"));
    if (const auto source = StoreLocation::parse(parser.value(QStringLiteral("db"))); source.ok()) {
        const Status writable = SnapshotExporter::checkTarget(source.value(), target);
        if (!writable.ok())
            return fail(writable.error());
    }
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    ProgressPrinter progress(parser);
    auto summary = SnapshotExporter::exportTo(store.value(), target, window, [&](const ExportProgress& p) {
        progress.update(p.done, p.total);
        return true;
    });
    progress.finish();
    if (!summary.ok())
        return fail(summary.error());
    out(QStringLiteral("snapshot %1: %2 interactions, %3 feedbacks, %4 reviews, %5\n")
            .arg(target)
            .arg(summary.value().interactions)
            .arg(summary.value().feedbacks)
            .arg(summary.value().reviews)
            .arg(summary.value().rollups ? QStringLiteral("%1 rollup rows").arg(summary.value().rollupRows)
                                         : QStringLiteral("no rollups")));
    return Ok;
}

} // namespace RagScope::Cli
