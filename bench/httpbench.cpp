// ragscope-httpbench: a bounded load run of `serve`'s feedback route over loopback (never a test).
// CONCURRENCY connections each POST feedback back to back until REQUESTS are answered; prints
// requests/s and latency percentiles, and as the same run's baseline the same submissions made
// in-process through FeedbackService (no HTTP) from as many threads.
//   ragscope-httpbench --url http://127.0.0.1:PORT --db URL [--requests 20000] [--concurrency 8]
#include "feedback/feedbackservice.h"
#include "recorder/interactionrecorder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace RagScope;

namespace {

struct Run
{
    std::vector<double> latenciesMs;
    qint64 wallNs = 0;
    int failures = 0;
    void print(const char* name) const
    {
        std::vector<double> sorted = latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double p) {
            return sorted[size_t(std::min<double>(double(sorted.size() - 1), p * sorted.size()))];
        };
        std::printf("%s: %zu requests in %.0f ms: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d "
                    "failed\n",
            name, sorted.size(), wallNs / 1e6, sorted.size() / (wallNs / 1e9), at(0.5), at(0.99),
            sorted.back(), failures);
    }
};

QByteArray body(const QUuid& id, int n)
{
    return QJsonDocument(
        QJsonObject { { QStringLiteral("interaction_id"), id.toString(QUuid::WithoutBraces) },
            { QStringLiteral("rating"), 1 + n % 5 },
            { QStringLiteral("comment"), QStringLiteral("load run") } })
        .toJson(QJsonDocument::Compact);
}

// One keep-alive connection posting back to back.
class Client : public QObject
{
public:
    Client(const QUrl& url, const QList<QUuid>& ids, int* budget, Run* run, int* running)
        : m_url(url)
        , m_ids(ids)
        , m_budget(budget)
        , m_run(run)
        , m_running(running)
    { }
    void next()
    {
        if (*m_budget <= 0) {
            if (--*m_running == 0)
                QCoreApplication::quit();
            return;
        }
        const int n = (*m_budget)--;
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        m_clock.start();
        QNetworkReply* reply = m_manager.post(request, body(m_ids[n % m_ids.size()], n));
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            m_run->latenciesMs.push_back(m_clock.nsecsElapsed() / 1e6);
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
                ++m_run->failures;
            reply->deleteLater();
            next();
        });
    }

private:
    QNetworkAccessManager m_manager;
    QUrl m_url;
    QList<QUuid> m_ids;
    int* m_budget;
    Run* m_run;
    int* m_running;
    QElapsedTimer m_clock;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is known
    QCommandLineParser parser;
    parser.addOptions({ { QStringLiteral("url"), QStringLiteral("serve's base URL"), QStringLiteral("url") },
        { QStringLiteral("db"), QStringLiteral("the store serve writes to"), QStringLiteral("url") },
        { QStringLiteral("requests"), QStringLiteral("requests"), QStringLiteral("n"),
            QStringLiteral("20000") },
        { QStringLiteral("concurrency"), QStringLiteral("connections"), QStringLiteral("n"),
            QStringLiteral("8") } });
    parser.process(app);
    const int requests = parser.value(QStringLiteral("requests")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    auto store = Store::open(parser.value(QStringLiteral("db")), options);
    if (!store.ok()) {
        std::fprintf(stderr, "httpbench: %s\n", qPrintable(store.error().message));
        return 1;
    }
    // 1,000 interactions to rate: resubmissions update, as real clients' do
    QList<InteractionRecord> records;
    for (int i = 0; i < 1000; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(i % 50);
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        records << r;
    }
    const auto ids = InteractionRecorder(store.value()).recordBatch(records);
    if (!ids.ok()) {
        std::fprintf(stderr, "httpbench: %s\n", qPrintable(ids.error().message));
        return 1;
    }

    Run http;
    http.latenciesMs.reserve(size_t(requests));
    int budget = requests, running = concurrency;
    std::vector<std::unique_ptr<Client>> clients;
    const QUrl url(parser.value(QStringLiteral("url")) + QStringLiteral("/api/v1/chat/feedback"));
    QElapsedTimer wall;
    wall.start();
    for (int c = 0; c < concurrency; ++c) {
        clients.push_back(std::make_unique<Client>(url, ids.value(), &budget, &http, &running));
        clients.back()->next();
    }
    app.exec();
    http.wallNs = wall.nsecsElapsed();
    http.print("HTTP POST /api/v1/chat/feedback");

    // Baseline: the same submissions through FeedbackService, `concurrency` threads, no HTTP.
    Run direct;
    std::vector<Run> perThread(static_cast<size_t>(concurrency));
    QList<QThread*> threads;
    wall.restart();
    for (int c = 0; c < concurrency; ++c) {
        threads << QThread::create([&, c] {
            const FeedbackService service(store.value());
            for (int n = c; n < requests; n += concurrency) {
                QElapsedTimer clock;
                clock.start();
                if (!service
                         .submit(ids.value()[n % ids.value().size()], 1 + n % 5, QStringLiteral("load run"))
                         .ok())
                    ++perThread[size_t(c)].failures;
                perThread[size_t(c)].latenciesMs.push_back(clock.nsecsElapsed() / 1e6);
            }
        });
        threads.last()->start();
    }
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    direct.wallNs = wall.nsecsElapsed();
    for (const Run& r : perThread) {
        direct.latenciesMs.insert(direct.latenciesMs.end(), r.latenciesMs.begin(), r.latenciesMs.end());
        direct.failures += r.failures;
    }
    direct.print("FeedbackService::submit in-process (baseline)");
    std::printf(
        "ratio: HTTP requests/s ÷ in-process submits/s %.2f\n", double(direct.wallNs) / double(http.wallNs));
    return 0;
}
