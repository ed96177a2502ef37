#pragma once

#include "recorder/asyncinteractionrecorder.h"
#include "store/store.h"

#include <QByteArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace RagScope {

/// An HTTP answer before it meets the network: status and JSON body. `logError` is what the
/// request log may say about a failure (the error's kind), never sent to the client.
struct ApiReply
{
    int status = 200;
    QJsonObject body;
    QString logError;

    /// {"success": false, "message": …}
    static ApiReply failure(int status, const QString& message, const QString& logError = {});
};

/// What each route of `serve` does once the request passed the HTTP checks (token, size,
/// content type). Blocking, thread-safe: runs on the service's worker threads. The rules are
/// core's: FeedbackService validates feedback, InteractionRecorder interactions, parseIsoTime
/// windows; a store failure becomes a 500 whose body names no internal detail.
class ServiceApi
{
public:
    ServiceApi(StorePtr store, AsyncInteractionRecorder* recorder);

    /// POST /api/v1/chat/feedback: 201 {success, message, feedback_id}; 400, 404, 500.
    ApiReply submitFeedback(const QByteArray& body) const;
    /// POST /api/v1/chat/interactions: 202 {success, message, interaction_id}; 400; 503 when the
    /// recorder's queue is full or it is shutting down.
    ApiReply recordInteraction(const QByteArray& body) const;
    /// GET /api/v1/metrics?from&to[&user][&model]: 200 with the `stats --json` object; 400, 500.
    ApiReply metrics(const QUrlQuery& query) const;
    /// GET /healthz: 200 when the store answers, else 503; the recorder's counters either way.
    ApiReply health() const;

private:
    StorePtr m_store;
    AsyncInteractionRecorder* m_recorder;
};

} // namespace RagScope
