#include "serviceapi.h"

#include "base/isotime.h"
#include "feedback/feedbackrules.h"
#include "feedback/feedbackservice.h"
#include "interactionjson.h"
#include "metrics/metricscollector.h"
#include "report/statsjson.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcService, "ragscope.service")

namespace RagScope {

namespace {

Result<QJsonObject> parseObject(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorKind::InvalidInput,
            QStringLiteral("the body is not valid JSON (%1 at offset %2)")
                .arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("the body must be a JSON object"));
    return document.object();
}

// A store failure: the detail goes to the server's log, the client learns only that it failed.
ApiReply storeFailure(const Error& error, const QString& what)
{
    qCWarning(lcService).noquote() << what << "failed:" << error.message;
    return ApiReply::failure(500, QStringLiteral("internal error: %1 failed").arg(what), error.kindName());
}

} // namespace

ApiReply ApiReply::failure(int status, const QString& message, const QString& logError)
{
    return { status,
        QJsonObject { { QStringLiteral("success"), false }, { QStringLiteral("message"), message } },
        logError };
}

ServiceApi::ServiceApi(StorePtr store, AsyncInteractionRecorder* recorder)
    : m_store(std::move(store))
    , m_recorder(recorder)
{ }

ApiReply ServiceApi::submitFeedback(const QByteArray& body) const
{
    const auto json = parseObject(body);
    if (!json.ok())
        return ApiReply::failure(400, json.error().message);
    const QJsonValue idValue = json->value(QStringLiteral("interaction_id"));
    const QJsonValue ratingValue = json->value(QStringLiteral("rating"));
    const QJsonValue commentValue = json->value(QStringLiteral("comment"));
    if (!idValue.isString())
        return ApiReply::failure(400, QStringLiteral("interaction_id must be a UUID string"));
    if (!ratingValue.isDouble())
        return ApiReply::failure(400, QStringLiteral("rating must be a whole number from 1 to 5"));
    if (!commentValue.isUndefined() && !commentValue.isNull() && !commentValue.isString())
        return ApiReply::failure(400, QStringLiteral("comment must be a string"));
    const auto id = FeedbackRules::parseInteractionId(idValue.toString());
    if (!id.ok())
        return ApiReply::failure(400, id.error().message);
    const auto rating = FeedbackRules::ratingFromNumber(ratingValue.toDouble());
    if (!rating.ok())
        return ApiReply::failure(400, rating.error().message);

    const auto saved = FeedbackService(m_store).submit(id.value(), rating.value(), commentValue.toString());
    if (!saved.ok()) {
        if (saved.error().kind == ErrorKind::InvalidInput)
            return ApiReply::failure(400, saved.error().message);
        if (saved.error().kind == ErrorKind::NotFound)
            return ApiReply::failure(404, saved.error().message);
        return storeFailure(saved.error(), QStringLiteral("saving feedback"));
    }
    return { 201,
        QJsonObject { { QStringLiteral("success"), true },
            { QStringLiteral("message"), QStringLiteral("feedback saved") },
            { QStringLiteral("feedback_id"), saved->id.toString(QUuid::WithoutBraces) } },
        {} };
}

ApiReply ServiceApi::recordInteraction(const QByteArray& body) const
{
    const auto json = parseObject(body);
    if (!json.ok())
        return ApiReply::failure(400, json.error().message);
    const auto record = interactionFromJson(json.value());
    if (!record.ok())
        return ApiReply::failure(400, record.error().message);
    const auto id = m_recorder->record(record.value());
    if (!id.ok()) {
        if (id.error().kind == ErrorKind::InvalidInput)
            return ApiReply::failure(400, id.error().message);
        // queue full or shutting down: the client may send it again later
        return ApiReply::failure(503, id.error().message, id.error().kindName());
    }
    return { 202,
        QJsonObject { { QStringLiteral("success"), true },
            { QStringLiteral("message"), QStringLiteral("interaction queued") },
            { QStringLiteral("interaction_id"), id->toString(QUuid::WithoutBraces) } },
        {} };
}

ApiReply ServiceApi::metrics(const QUrlQuery& query) const
{
    const auto value = [&query](const char* key) {
        return query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    };
    if (!query.hasQueryItem(QStringLiteral("from")) || !query.hasQueryItem(QStringLiteral("to")))
        return ApiReply::failure(400, QStringLiteral("from and to are required (ISO 8601)"));
    const auto from = parseIsoTime(value("from"), QStringLiteral("from"));
    if (!from.ok())
        return ApiReply::failure(400, from.error().message);
    const auto to = parseIsoTime(value("to"), QStringLiteral("to"));
    if (!to.ok())
        return ApiReply::failure(400, to.error().message);
    if (!(from.value() < to.value()))
        return ApiReply::failure(400, QStringLiteral("from must be before to"));
    Filter filter;
    filter.from = from.value();
    filter.to = to.value();
    if (query.hasQueryItem(QStringLiteral("user")))
        filter.user = value("user");
    if (query.hasQueryItem(QStringLiteral("model")))
        filter.model = value("model");
    const auto report = MetricsCollector(m_store).report(filter);
    if (!report.ok())
        return storeFailure(report.error(), QStringLiteral("reading metrics"));
    return { 200, statsToJson(report.value()), {} };
}

ApiReply ServiceApi::health() const
{
    const auto ping = m_store->exec(QStringLiteral("SELECT 1"));
    const RecorderHealth h = m_recorder->health();
    const bool ok = ping.ok() && h.storeReachable;
    QJsonObject recorder { { QStringLiteral("queued"), h.queued }, { QStringLiteral("capacity"), h.capacity },
        { QStringLiteral("written"), h.written }, { QStringLiteral("dropped"), h.dropped },
        { QStringLiteral("rejected"), h.rejected }, { QStringLiteral("retries"), h.retries },
        { QStringLiteral("store_reachable"), h.storeReachable },
        // the message may name hosts and tables: the server's log has it, this unauthenticated route not
        { QStringLiteral("last_error_at"),
            h.lastErrorAt.isValid() ? QJsonValue(isoUtc(h.lastErrorAt)) : QJsonValue() } };
    return { ping.ok() ? 200 : 503,
        QJsonObject { { QStringLiteral("status"), ok ? QStringLiteral("ok") : QStringLiteral("degraded") },
            { QStringLiteral("store"),
                QJsonObject { { QStringLiteral("reachable"), ping.ok() },
                    { QStringLiteral("dialect"),
                        m_store->dialect() == Dialect::Postgres ? QStringLiteral("postgresql")
                                                                : QStringLiteral("sqlite") } } },
            { QStringLiteral("recorder"), recorder } },
        ping.ok() ? QString() : ping.error().kindName() };
}

} // namespace RagScope
