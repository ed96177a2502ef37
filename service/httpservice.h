#pragma once

#include "bearertoken.h"
#include "requestlogentry.h"
#include "serviceapi.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QThreadPool>

#include <functional>

namespace RagScope {

/// `ragscope-cli serve`: QHttpServer with the routes of ServiceApi. Every route but /healthz
/// needs the bearer token when one is set; POST bodies must be JSON (Content-Type
/// application/json) within the body limit. The routes' work runs on a pool of worker threads
/// (each with its own store connection), so a slow store never stalls the event loop; the
/// answers are written from the event loop. Emits one requestHandled() per request.
class HttpService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 8080; ///< 0: any free port (listen() says which)
        BearerToken token;
        qsizetype bodyLimit = 64 * 1024; ///< bytes; larger bodies get 400
        int workers = 8;
    };

    HttpService(
        StorePtr store, AsyncInteractionRecorder* recorder, Options options, QObject* parent = nullptr);
    ~HttpService() override;

    /// Starts listening; returns the port. Unreachable when the address cannot be bound.
    Result<quint16> listen();
    /// Stops accepting connections, waits (running the event loop) until every request in
    /// flight is answered and written, or the deadline. True when none was left unanswered.
    bool drain(QDeadlineTimer deadline);
    int inFlight() const { return m_inFlight; }

signals:
    void requestHandled(const RagScope::RequestLogEntry& entry);

private:
    enum class Checks { Token, TokenAndJsonBody, None };
    using Work = std::function<ApiReply()>;
    void handle(
        const QHttpServerRequest& request, QHttpServerResponder&& responder, Checks checks, Work work);
    std::optional<ApiReply> refuse(const QHttpServerRequest& request, Checks checks) const;
    void onMissing(const QHttpServerRequest& request, QHttpServerResponder&& responder);

    Options m_options;
    ServiceApi m_api;
    QThreadPool m_pool;
    QHttpServer m_server;
    int m_inFlight = 0; // event-loop thread only
};

} // namespace RagScope
