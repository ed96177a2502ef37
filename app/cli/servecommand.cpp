#include "clicommon.h"
#include "commands.h"

#include "httpservice.h"
#include "i18n/translations.h"
#include "money/pricetable.h"
#include "report/statsjson.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace RagScope::Cli {

namespace {

const char* const TokenVariable = "RAGSCOPE_SERVE_TOKEN";
const std::chrono::seconds StopDeadline { 10 };

int g_signalPipe[2] = { -1, -1 };

// Only async-signal-safe work here: one byte into the socket pair; the event loop does the rest.
void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// One JSON object per line on stdout, flushed at once (a pipe to journald is block-buffered).
void logLine(const QByteArray& line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void logEvent(QJsonObject fields)
{
    fields.insert(QStringLiteral("time"), isoUtc(QDateTime::currentDateTimeUtc()));
    logLine(QJsonDocument(fields).toJson(QJsonDocument::Compact));
}

Result<std::pair<QHostAddress, quint16>> parseListen(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) // [::1]:8080
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host);
    if (!portOk || port > 65535 || address.isNull())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::Cli", "--listen '%1' is not ADDRESS:PORT (e.g. 127.0.0.1:8080, [::1]:8080)")
                .arg(text));
    return std::make_pair(address, quint16(port));
}

} // namespace

int serveCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Serve the feedback API over HTTP: POST /api/v1/chat/feedback, POST /api/v1/chat/interactions, "
        "GET /api/v1/metrics, GET /healthz. One JSON log line per request on stdout. SIGTERM or SIGINT "
        "drains requests in flight and writes the recorder's queue before exiting. A bearer token is "
        "read from --token-file or the RAGSCOPE_SERVE_TOKEN environment variable, never from the "
        "command line."));
    addDbOption(parser);
    parser.addOptions({
        { QStringLiteral("listen"),
            QCoreApplication::translate(
                "RagScope::Cli", "Address and port (default 127.0.0.1:8080; port 0: any free one)."),
            QStringLiteral("address:port"), QStringLiteral("127.0.0.1:8080") },
        { QStringLiteral("token-file"),
            QCoreApplication::translate("RagScope::Cli",
                "File whose first line is the bearer token required on every route but /healthz."),
            QStringLiteral("path") },
        { QStringLiteral("body-limit"),
            QCoreApplication::translate("RagScope::Cli", "Largest request body in bytes (default 65536)."),
            QStringLiteral("bytes"), QStringLiteral("65536") },
        { QStringLiteral("queue"),
            QCoreApplication::translate(
                "RagScope::Cli", "Interactions held while the store is slow or away (default 100000)."),
            QStringLiteral("n"), QStringLiteral("100000") },
        { QStringLiteral("pricing"),
            QCoreApplication::translate(
                "RagScope::Cli", "Price table (JSON) for interactions sent without a cost."),
            QStringLiteral("file") },
    });
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    const auto listen = parseListen(parser.value(QStringLiteral("listen")));
    if (!listen.ok())
        return fail(listen.error());
    bool limitOk = false, queueOk = false;
    const qlonglong bodyLimit = parser.value(QStringLiteral("body-limit")).toLongLong(&limitOk);
    const qlonglong queue = parser.value(QStringLiteral("queue")).toLongLong(&queueOk);
    if (!limitOk || bodyLimit < 1 || bodyLimit > 64 * 1024 * 1024)
        return usage(QCoreApplication::translate(
            "RagScope::Cli", "--body-limit must be a whole number of bytes from 1 to 67108864"));
    if (!queueOk || queue < 1 || queue > 10'000'000)
        return usage(QCoreApplication::translate(
            "RagScope::Cli", "--queue must be a whole number from 1 to 10000000"));
    if (parser.isSet(QStringLiteral("token-file")) && qEnvironmentVariableIsSet(TokenVariable))
        return usage(QCoreApplication::translate(
            "RagScope::Cli", "give the token either with --token-file or in RAGSCOPE_SERVE_TOKEN, not both"));
    auto token = parser.isSet(QStringLiteral("token-file"))
        ? BearerToken::fromFile(parser.value(QStringLiteral("token-file")))
        : BearerToken::fromEnvironment(TokenVariable);
    if (!token.ok())
        return fail(token.error());
    CostTracker costs;
    if (parser.isSet(QStringLiteral("pricing"))) {
        auto table = PriceTable::fromFile(parser.value(QStringLiteral("pricing")));
        if (!table.ok())
            return fail(table.error());
        costs = CostTracker(table.value());
    }

    // From here on messages reach the HTTP API's JSON replies (machine output): English, as its keys.
    Translations::removeAll();
    Store::OpenOptions writing;
    writing.access = Store::Access::Write;
    auto store = openStore(parser, writing);
    if (!store.ok())
        return fail(store.error());
    if (store.value()->isReadOnly())
        return fail(makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::Cli", "cannot serve feedback: %1")
                .arg(store.value()->readOnlyReason())));

    AsyncInteractionRecorder::Options recorderOptions;
    recorderOptions.capacity = queue;
    AsyncInteractionRecorder recorder(store.value(), costs, recorderOptions);
    HttpService::Options options;
    options.address = listen.value().first;
    options.port = listen.value().second;
    options.token = token.value();
    options.bodyLimit = bodyLimit;
    HttpService service(store.value(), &recorder, options);
    QObject::connect(&service, &HttpService::requestHandled,
        [](const RequestLogEntry& entry) { logLine(entry.toJsonLine()); });
    const auto port = service.listen();
    if (!port.ok())
        return fail(port.error());

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return fail(makeError(ErrorKind::Internal,
            QCoreApplication::translate("RagScope::Cli", "cannot create the signal socket pair")));
    QSocketNotifier stopNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&stopNotifier, &QSocketNotifier::activated, [&] {
        stopNotifier.setEnabled(false);
        logEvent({ { QStringLiteral("event"), QStringLiteral("stopping") },
            { QStringLiteral("in_flight"), service.inFlight() } });
        const bool drained = service.drain(QDeadlineTimer(StopDeadline));
        const RecorderHealth h = recorder.shutdown(QDeadlineTimer(StopDeadline));
        logEvent({ { QStringLiteral("event"), QStringLiteral("stopped") },
            { QStringLiteral("requests_unanswered"), drained ? 0 : service.inFlight() },
            { QStringLiteral("interactions_written"), h.written },
            { QStringLiteral("interactions_not_written"), h.abandoned } });
        QCoreApplication::exit(drained && h.abandoned == 0 ? Ok : Unreachable);
    });
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    logEvent({ { QStringLiteral("event"), QStringLiteral("listening") },
        { QStringLiteral("address"), options.address.toString() }, { QStringLiteral("port"), port.value() },
        { QStringLiteral("token"), options.token.isSet() },
        { QStringLiteral("store"), store.value()->location().displayName() } });
    return QCoreApplication::exec();
}

} // namespace RagScope::Cli
