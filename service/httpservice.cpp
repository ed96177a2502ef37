#include "httpservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtConcurrent>

namespace RagScope {

namespace {

const QString HealthPath = QStringLiteral("/healthz");

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

bool isJson(const QByteArray& contentType)
{
    // "application/json", optionally with parameters ("; charset=utf-8")
    return contentType.split(';').first().trimmed().toLower() == "application/json";
}

QHttpServerResponse toResponse(const ApiReply& reply)
{
    QHttpServerResponse response(reply.body, QHttpServerResponse::StatusCode(reply.status));
    if (reply.status == 401)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return response;
}

} // namespace

HttpService::HttpService(StorePtr store, AsyncInteractionRecorder* recorder, Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_api(std::move(store), recorder)
{
    m_pool.setMaxThreadCount(std::max(1, m_options.workers));
    const ServiceApi api = m_api;
    m_server.route(QStringLiteral("/api/v1/chat/feedback"), QHttpServerRequest::Method::Post,
        [this, api](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            handle(request, std::move(responder), Checks::TokenAndJsonBody,
                [api, body = request.body()] { return api.submitFeedback(body); });
        });
    m_server.route(QStringLiteral("/api/v1/chat/interactions"), QHttpServerRequest::Method::Post,
        [this, api](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            handle(request, std::move(responder), Checks::TokenAndJsonBody,
                [api, body = request.body()] { return api.recordInteraction(body); });
        });
    m_server.route(QStringLiteral("/api/v1/metrics"), QHttpServerRequest::Method::Get,
        [this, api](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            handle(request, std::move(responder), Checks::Token,
                [api, query = request.query()] { return api.metrics(query); });
        });
    m_server.route(HealthPath, QHttpServerRequest::Method::Get,
        [this, api](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            handle(request, std::move(responder), Checks::None, [api] { return api.health(); });
        });
    m_server.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        onMissing(request, std::move(responder));
    });
}

HttpService::~HttpService()
{
    m_pool.waitForDone();
}

Result<quint16> HttpService::listen()
{
    const quint16 port = m_server.listen(m_options.address, m_options.port);
    if (port == 0)
        return makeError(ErrorKind::Unreachable,
            QStringLiteral("cannot listen on %1 port %2 (in use, or not an address of this machine)")
                .arg(m_options.address.toString())
                .arg(m_options.port));
    return port;
}

std::optional<ApiReply> HttpService::refuse(const QHttpServerRequest& request, Checks checks) const
{
    if (checks == Checks::None)
        return std::nullopt;
    if (!m_options.token.allows(request.value(QByteArrayLiteral("Authorization"))))
        return ApiReply::failure(401, QStringLiteral("missing or wrong bearer token"));
    if (checks == Checks::Token)
        return std::nullopt;
    // Qt 6.4 has read the body by now; the limit keeps it out of the JSON parser and the store.
    if (request.body().size() > m_options.bodyLimit)
        return ApiReply::failure(
            400, QStringLiteral("the body is larger than %1 bytes").arg(m_options.bodyLimit));
    if (!isJson(request.value(QByteArrayLiteral("Content-Type"))))
        return ApiReply::failure(
            400, QStringLiteral("the body must be JSON (Content-Type: application/json)"));
    return std::nullopt;
}

void HttpService::handle(
    const QHttpServerRequest& request, QHttpServerResponder&& responder, Checks checks, Work work)
{
    QElapsedTimer clock;
    clock.start();
    ++m_inFlight;
    RequestLogEntry entry { methodName(request.method()), request.url().path(), 0, 0, {} };
    QFuture<ApiReply> reply;
    if (const auto refused = refuse(request, checks))
        reply = QtFuture::makeReadyFuture(*refused);
    else
        reply = QtConcurrent::run(&m_pool, std::move(work));
    // Qt 6.4's own QFuture<QHttpServerResponse> route path lost answers here; the responder is
    // kept instead and written from the event loop, unless the client has gone meanwhile.
    auto kept = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = kept->socket();
    reply.then(this, [this, entry, clock, kept, socket](const ApiReply& answer) mutable {
        --m_inFlight;
        entry.status = answer.status;
        entry.durationMs = clock.nsecsElapsed() / 1e6;
        entry.error = answer.logError;
        if (socket)
            toResponse(answer).write(std::move(*kept));
        else
            entry.error = QStringLiteral("client gone");
        emit requestHandled(entry);
    });
}

void HttpService::onMissing(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    QElapsedTimer clock;
    clock.start();
    // Without the token even an unknown path gets 401: routes are not probed anonymously.
    const bool known = request.url().path() == HealthPath;
    const ApiReply reply = known || m_options.token.allows(request.value(QByteArrayLiteral("Authorization")))
        ? ApiReply::failure(404,
            QStringLiteral("no such route: %1 %2")
                .arg(methodName(request.method()), request.url().path().left(200)))
        : ApiReply::failure(401, QStringLiteral("missing or wrong bearer token"));
    toResponse(reply).write(std::move(responder));
    emit requestHandled(
        { methodName(request.method()), request.url().path(), reply.status, clock.nsecsElapsed() / 1e6, {} });
}

bool HttpService::drain(QDeadlineTimer deadline)
{
    for (QTcpServer* server : m_server.servers())
        server->close();
    if (m_inFlight > 0) {
        QEventLoop loop;
        QTimer poll;
        connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_inFlight == 0 || deadline.hasExpired())
                loop.quit();
        });
        poll.start(10);
        loop.exec();
    }
    // Qt writes each answer in a continuation queued after ours; then the sockets flush.
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    for (QTcpSocket* socket : m_server.findChildren<QTcpSocket*>()) {
        if (socket->bytesToWrite() > 0)
            socket->waitForBytesWritten(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)));
    }
    return m_inFlight == 0;
}

} // namespace RagScope
