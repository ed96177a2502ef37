#include "clicommon.h"
#include "commands.h"

#include "feedback/feedbackservice.h"
#include "report/statsjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RagScope::Cli {

int lowRatedCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Interactions rated 1 or 2 by their user, newest first. "
        "Pass the printed cursor to --after for the next page."));
    addDbOption(parser);
    parser.addOptions({
        { QStringLiteral("limit"),
            QCoreApplication::translate("RagScope::Cli", "Rows per page (1–1000, default 50)."),
            QStringLiteral("n"), QStringLiteral("50") },
        { QStringLiteral("after"),
            QCoreApplication::translate("RagScope::Cli", "Cursor printed by the previous page."),
            QStringLiteral("cursor") },
        { QStringLiteral("json"),
            QCoreApplication::translate(
                "RagScope::Cli", "Print JSON: {\"rows\": […], \"next_cursor\": …}.") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    bool isNumber = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&isNumber);
    if (!isNumber || limit < 1 || limit > 1000)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--limit must be a whole number from 1 to 1000"));
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    const FeedbackService service(store.value());
    auto page = service.lowRated(limit, parser.value(QStringLiteral("after")));
    if (!page.ok())
        return fail(page.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const InteractionSummary& s : page.value().rows) {
            rows.append(QJsonObject {
                { QStringLiteral("id"), s.id.toString(QUuid::WithoutBraces) },
                { QStringLiteral("created_at"), isoUtc(s.createdAt) },
                { QStringLiteral("user_id"), s.userId },
                { QStringLiteral("rating"), s.userRating ? QJsonValue(*s.userRating) : QJsonValue() },
                { QStringLiteral("confidence"), s.confidence ? QJsonValue(*s.confidence) : QJsonValue() },
                { QStringLiteral("model"), s.model ? QJsonValue(*s.model) : QJsonValue() },
                { QStringLiteral("query"), s.queryPreview },
            });
        }
        const QJsonValue cursor = page.value().atEnd() ? QJsonValue() : QJsonValue(page.value().nextCursor);
        out(QString::fromUtf8(QJsonDocument(
            QJsonObject { { QStringLiteral("rows"), rows }, { QStringLiteral("next_cursor"), cursor } })
                                  .toJson(QJsonDocument::Indented)));
        return Ok;
    }
    for (const InteractionSummary& s : page.value().rows) {
        out(QStringLiteral("%1  %2  %3★  conf %4  %5  %6\n")
                .arg(isoUtc(s.createdAt), s.id.toString(QUuid::WithoutBraces))
                .arg(s.userRating.value_or(0))
                .arg(s.confidence ? QString::number(*s.confidence, 'f', 2) : QStringLiteral("—"), s.userId,
                    s.queryPreview.left(60)));
    }
    out(page.value().atEnd() ? QStringLiteral("(end)\n")
                             : QStringLiteral("next: --after %1\n").arg(page.value().nextCursor));
    return Ok;
}

} // namespace RagScope::Cli
