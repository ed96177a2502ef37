#include "clicommon.h"
#include "commands.h"

#include "review/reviewdataset.h"
#include "review/savedqueuestore.h"

#include <QCoreApplication>

namespace RagScope::Cli {

int exportReviewsCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Write reviewed interactions as a dataset: query, answer, metrics, the end user's feedback, every "
        "reviewer's verdict and the final verdict (the adjudicator's, else the newest reviewer's). Reads "
        "only."));
    addDbOption(parser);
    parser.addOptions({
        { QStringLiteral("queue"),
            QCoreApplication::translate("RagScope::Cli", "Only this saved queue's items and verdicts."),
            QStringLiteral("name") },
        { QStringLiteral("format"),
            QCoreApplication::translate("RagScope::Cli", "jsonl (one JSON object per line) or csv."),
            QStringLiteral("format") },
        { QStringLiteral("out"),
            QCoreApplication::translate("RagScope::Cli", "The file to write (replaced only when complete)."),
            QStringLiteral("file") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return usage(QCoreApplication::translate("RagScope::Cli", "--format must be jsonl or csv"));
    if (parser.value(QStringLiteral("out")).isEmpty())
        return usage(QCoreApplication::translate("RagScope::Cli", "--out FILE is required"));
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    std::optional<SavedQueue> queue;
    if (parser.isSet(QStringLiteral("queue"))) {
        auto found = SavedQueueStore(store.value()).byName(parser.value(QStringLiteral("queue")));
        if (!found.ok())
            return fail(found.error());
        queue = found.value();
    }
    const auto written = ReviewDataset(store.value())
                             .write(queue,
                                 format == QLatin1String("csv") ? ReviewDataset::Format::Csv
                                                                : ReviewDataset::Format::JsonLines,
                                 parser.value(QStringLiteral("out")));
    if (!written.ok())
        return fail(written.error());
    out(QStringLiteral("wrote %1 reviewed interactions to %2\n")
            .arg(written->rows)
            .arg(parser.value(QStringLiteral("out"))));
    return Ok;
}

} // namespace RagScope::Cli
