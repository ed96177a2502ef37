#include "clicommon.h"
#include "commands.h"

#include "snapshot/reviewpusher.h"

#include <QCoreApplication>

namespace RagScope::Cli {

namespace {

QString reviewLine(const Review& r)
{
    return QStringLiteral("  %1 interaction %2 by %3: rating %4%5\n")
        .arg(r.createdAt.toString(Qt::ISODate), r.interactionId.toString(QUuid::WithoutBraces), r.reviewer)
        .arg(r.rating)
        .arg(r.label.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.label));
}

} // namespace

int pushReviewsCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Apply the reviews made offline in a snapshot to the store it was exported from, in one transaction. "
        "Idempotent: reviews the store already has are left alone; interactions deleted since are skipped "
        "and "
        "listed. End users' feedback is never modified."));
    addDbOption(parser);
    parser.addOptions({
        { QStringLiteral("from"),
            QCoreApplication::translate("RagScope::Cli", "The snapshot (.sqlite) holding the reviews."),
            QStringLiteral("file") },
        { QStringLiteral("dry-run"),
            QCoreApplication::translate("RagScope::Cli", "Print what would change; change nothing.") },
        { QStringLiteral("force"),
            QCoreApplication::translate(
                "RagScope::Cli", "Push even into a store the snapshot was not exported from.") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    if (!parser.isSet(QStringLiteral("from")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--from FILE.sqlite is required"));
    auto snapshot = Store::open(QStringLiteral("sqlite:") + parser.value(QStringLiteral("from")), {});
    if (!snapshot.ok())
        return fail(snapshot.error());
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    Store::OpenOptions options;
    options.access = dryRun ? Store::Access::Read : Store::Access::Write;
    auto store = openStore(parser, options);
    if (!store.ok())
        return fail(store.error());
    const ReviewPusher pusher(snapshot.value(), store.value());
    auto result = dryRun ? pusher.preview() : pusher.push(parser.isSet(QStringLiteral("force")));
    if (!result.ok())
        return fail(result.error());
    const ReviewPush& push = result.value();
    QString text;
    if (!push.sourceMismatch.isEmpty())
        text += QStringLiteral("warning: %1\n").arg(push.sourceMismatch);
    text += QStringLiteral("%1 %2 reviews, %3 already in the store, %4 skipped (interaction deleted), "
                           "%5 interactions also reviewed in the store since the export (both kept)\n")
                .arg(push.applied ? QStringLiteral("pushed") : QStringLiteral("would push"))
                .arg(push.added.size())
                .arg(push.alreadyInStore)
                .arg(push.skippedDeleted.size())
                .arg(push.reviewedOnBothSides);
    if (!push.added.isEmpty())
        text += push.applied ? QStringLiteral("added:\n") : QStringLiteral("to add:\n");
    for (const Review& r : push.added)
        text += reviewLine(r);
    if (!push.skippedDeleted.isEmpty())
        text += QStringLiteral("skipped, interaction deleted from the store:\n");
    for (const Review& r : push.skippedDeleted)
        text += reviewLine(r);
    out(text);
    return Ok;
}

} // namespace RagScope::Cli
