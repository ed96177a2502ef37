#include "clicommon.h"
#include "commands.h"

#include "feedback/feedbackrules.h"
#include "feedback/feedbackservice.h"

#include <QCoreApplication>

namespace RagScope::Cli {

int feedbackCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Record an end user's rating (1–5, optional comment ≤ 2000 characters). Submitting again for the "
        "same interaction updates the existing feedback."));
    addDbOption(parser);
    addWriteDbOption(parser);
    parser.addOptions({
        { QStringLiteral("interaction"),
            QCoreApplication::translate("RagScope::Cli", "The interaction's UUID."), QStringLiteral("uuid") },
        { QStringLiteral("rating"), QCoreApplication::translate("RagScope::Cli", "Rating 1–5."),
            QStringLiteral("n") },
        { QStringLiteral("comment"), QCoreApplication::translate("RagScope::Cli", "Optional comment."),
            QStringLiteral("text") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    if (!parser.isSet(QStringLiteral("interaction")) || !parser.isSet(QStringLiteral("rating")))
        return usage(QCoreApplication::translate("RagScope::Cli", "--interaction and --rating are required"));
    auto id = FeedbackRules::parseInteractionId(parser.value(QStringLiteral("interaction")));
    if (!id.ok())
        return fail(id.error());
    bool isNumber = false;
    const int rating = parser.value(QStringLiteral("rating")).toInt(&isNumber);
    if (!isNumber)
        return fail(makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::Cli", "rating '%1' is not a whole number from 1 to 5")
                .arg(parser.value(QStringLiteral("rating")))));
    // Validate before touching the store: bad input never needs a connection.
    for (const Status& check : { FeedbackRules::validateRating(rating),
             FeedbackRules::validateComment(parser.value(QStringLiteral("comment"))) }) {
        if (!check.ok())
            return fail(check.error());
    }
    Store::OpenOptions writing;
    writing.access = Store::Access::Write;
    auto store = openStoreForWrites(parser, writing);
    if (!store.ok())
        return fail(store.error());
    const FeedbackService service(store.value());
    auto saved = service.submit(id.value(), rating, parser.value(QStringLiteral("comment")));
    if (!saved.ok())
        return fail(saved.error());
    out(QStringLiteral("feedback %1 saved: rating %2 for interaction %3\n")
            .arg(saved.value().id.toString(QUuid::WithoutBraces))
            .arg(saved.value().rating)
            .arg(saved.value().interactionId.toString(QUuid::WithoutBraces)));
    return Ok;
}

} // namespace RagScope::Cli
