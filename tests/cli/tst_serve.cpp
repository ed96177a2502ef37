// `ragscope-cli serve` driven by a real HTTP client (QNetworkAccessManager) against the running
// binary on a free loopback port: every status code of the feedback API, concurrent submissions,
// the bearer token, the request log, and SIGTERM draining requests and the recorder's queue.
#include "fixtures.h"
#include "recorder/interactionrecord.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QByteArray Json = QByteArrayLiteral("application/json");

struct HttpReply
{
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

// The server under test: a ragscope-cli process, its port, and its stdout lines.
class Server
{
public:
    Server(const QString& url, const QStringList& environment = {}, const QStringList& extra = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& pair : environment)
            env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
        m_process.setProcessEnvironment(env);
        m_process.start(qEnvironmentVariable("RAGSCOPE_CLI"),
            QStringList { QStringLiteral("serve"), QStringLiteral("--db"), url, QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0") }
                + extra);
        QVERIFY(m_process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            readLines() || m_port != 0 || m_process.state() == QProcess::NotRunning, 30'000);
        QVERIFY2(m_port != 0, qPrintable(QString::fromUtf8(m_process.readAllStandardError())));
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    quint16 port() const { return m_port; }
    QProcess& process() { return m_process; }
    /// Reads what the server printed; true when a new line arrived.
    bool readLines()
    {
        bool any = false;
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            m_lines << line;
            any = true;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() == QLatin1String("listening"))
                m_port = quint16(o.value(QStringLiteral("port")).toInt());
        }
        return any;
    }
    QList<QByteArray> lines()
    {
        m_process.waitForReadyRead(50);
        readLines();
        return m_lines;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QList<QByteArray> m_lines;
};

HttpReply send(QNetworkAccessManager& manager, quint16 port, const QByteArray& method, const QString& path,
    const QByteArray& body = {}, const QByteArray& contentType = Json, const QByteArray& token = {})
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(60'000))
        qFatal("no answer to %s %s", method.constData(), qPrintable(path));
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.json = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    return r;
}

QByteArray feedbackBody(const QString& id, const QJsonValue& rating, const QJsonValue& comment = QJsonValue())
{
    QJsonObject o { { QStringLiteral("interaction_id"), id }, { QStringLiteral("rating"), rating } };
    if (!comment.isUndefined())
        o.insert(QStringLiteral("comment"), comment);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

InteractionRecord answer(int n)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("question %1").arg(n);
    r.answer = QStringLiteral("answer");
    r.model = QStringLiteral("gemini-1.5-pro");
    r.promptTokens = 1000;
    r.completionTokens = 500;
    r.createdAt = QDateTime(QDate(2026, 11, 19), QTime(10, n % 60), QTimeZone::utc());
    return r;
}

QString idText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

struct FeedbackRow
{
    int count = 0;
    int rating = 0;
    QString id;
};

FeedbackRow feedbackOf(const Store& store, const QUuid& interaction)
{
    const SqlDialect d(store.dialect());
    auto q = store.exec(
        QStringLiteral("SELECT id, rating FROM chat_feedbacks WHERE interaction_id = %1").arg(d.uuidParam()),
        { d.bindUuid(interaction) });
    FeedbackRow row;
    while (q.ok() && q.value().next()) {
        ++row.count;
        row.id = QUuid::fromString(q.value().value(0).toString()).toString(QUuid::WithoutBraces);
        row.rating = q.value().value(1).toInt();
    }
    return row;
}

} // namespace

class ServeTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        m_store = m_db->open();
        m_interaction = recordInteraction(m_store, answer(1));
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void feedbackIsCreatedThenUpdatedInTheSameRow()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply first = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"),
            feedbackBody(idText(m_interaction), 4, QStringLiteral("helpful")));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json.value(QStringLiteral("success")).toBool(), true);
        QVERIFY(!first.json.value(QStringLiteral("message")).toString().isEmpty());
        const QString feedbackId = first.json.value(QStringLiteral("feedback_id")).toString();
        QVERIFY(!QUuid::fromString(feedbackId).isNull());
        const HttpReply again = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"),
            feedbackBody(idText(m_interaction), 2));
        QCOMPARE(again.status, 201);
        QCOMPARE(again.json.value(QStringLiteral("feedback_id")).toString(), feedbackId);
        const FeedbackRow row = feedbackOf(*m_store, m_interaction);
        QCOMPARE(row.count, 1);
        QCOMPARE(row.rating, 2);
        QCOMPARE(row.id, feedbackId);
    }

    void refusesBadFeedbackWith400AndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        const QString id = QStringLiteral("%1"); // replaced by the interaction's id
        QTest::newRow("malformed uuid") << feedbackBody(QStringLiteral("not-a-uuid"), 4) << Json;
        QTest::newRow("uuid too short")
            << feedbackBody(QStringLiteral("123e4567-e89b-12d3-a456-42661417400"), 4) << Json;
        QTest::newRow("rating 0") << feedbackBody(id, 0) << Json;
        QTest::newRow("rating 6") << feedbackBody(id, 6) << Json;
        QTest::newRow("rating 3.5") << feedbackBody(id, 3.5) << Json;
        QTest::newRow("rating as string") << feedbackBody(id, QStringLiteral("4")) << Json;
        QTest::newRow("rating missing") << QByteArray(R"({"interaction_id":"%1"})") << Json;
        QTest::newRow("comment 2001 characters")
            << feedbackBody(id, 4, QString(2001, QLatin1Char('x'))) << Json;
        QTest::newRow("comment not a string") << feedbackBody(id, 4, 17) << Json;
        QTest::newRow("bad json") << QByteArray(R"({"interaction_id": "%1", "rating": )") << Json;
        QTest::newRow("json array") << QByteArray("[1, 2]") << Json;
        QTest::newRow("wrong content type") << feedbackBody(id, 4) << QByteArray("text/plain");
        QTest::newRow("no content type") << feedbackBody(id, 4) << QByteArray();
        QTest::newRow("oversized body") << feedbackBody(id, 4, QString(70'000, QLatin1Char('x'))) << Json;
    }
    void refusesBadFeedbackWith400AndChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        body.replace("%1", idText(m_interaction).toLatin1());
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply r
            = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"), body, contentType);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("success")).toBool(true), false);
        QVERIFY(!r.json.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_feedbacks")), 0);
    }

    void unknownInteractionIs404()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply r = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"),
            feedbackBody(QStringLiteral("123e4567-e89b-12d3-a456-426614174000"), 5));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json.value(QStringLiteral("success")).toBool(true), false);
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_feedbacks")), 0);
        QCOMPARE(send(http, server.port(), "GET", QStringLiteral("/no/such/route")).status, 404);
        QCOMPARE(send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedbackx"),
                     feedbackBody(idText(m_interaction), 5))
                     .status,
            404);
    }

    void storeErrorIs500WithoutInternalDetail()
    {
        // Without its unique index the store refuses the upsert ("no unique or exclusion constraint
        // matching the ON CONFLICT specification"): a message only the server may see.
        m_db->execScript(QStringLiteral("DROP INDEX ix_cf_interaction"));
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply r = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"),
            feedbackBody(idText(m_interaction), 3));
        QCOMPARE(r.status, 500);
        QCOMPARE(r.json.value(QStringLiteral("success")).toBool(true), false);
        QVERIFY2(
            !r.raw.contains("CONFLICT") && !r.raw.contains("constraint") && !r.raw.contains("chat_feedbacks"),
            r.raw.constData());
        QVERIFY2(
            r.json.value(QStringLiteral("message")).toString().startsWith(QLatin1String("internal error")),
            r.raw.constData());
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_feedbacks")), 0);
    }

    void eightConcurrentSubmissionsLeaveOneRow()
    {
        Server server(m_db->url());
        QList<std::shared_ptr<QNetworkAccessManager>> clients; // one connection each
        QList<QNetworkReply*> replies;
        for (int i = 0; i < 8; ++i) {
            clients << std::make_shared<QNetworkAccessManager>();
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/chat/feedback").arg(server.port())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, Json);
            replies << clients.last()->post(request, feedbackBody(idText(m_interaction), 1 + i % 5));
        }
        QSet<QString> ids;
        for (QNetworkReply* reply : replies) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(reply->isFinished() || finished.wait(60'000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            ids << QJsonDocument::fromJson(reply->readAll())
                       .object()
                       .value(QStringLiteral("feedback_id"))
                       .toString();
            reply->deleteLater();
        }
        QCOMPARE(ids.size(), 1);
        const FeedbackRow row = feedbackOf(*m_store, m_interaction);
        QCOMPARE(row.count, 1);
        QCOMPARE(row.id, *ids.begin());
    }

    void wrongOrMissingTokenIs401AndChangesNothing()
    {
        const QByteArray token = QByteArrayLiteral("s3cret-token-value");
        Server server(m_db->url(), { QStringLiteral("RAGSCOPE_SERVE_TOKEN=") + QString::fromLatin1(token) });
        QNetworkAccessManager http;
        const QByteArray body = feedbackBody(idText(m_interaction), 5);
        const QByteArray interaction = R"({"user_id":"bob","query":"q","answer":"a"})";
        const qint64 interactionsBefore = countRows(*m_store, QStringLiteral("chat_interactions"));
        for (const QByteArray& wrong : { QByteArray(), QByteArrayLiteral("s3cret-token-valuf"),
                 QByteArrayLiteral("s3cret"), QByteArray(token + "x") }) {
            QCOMPARE(
                send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"), body, Json, wrong)
                    .status,
                401);
            QCOMPARE(send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/interactions"),
                         interaction, Json, wrong)
                         .status,
                401);
            QCOMPARE(send(http, server.port(), "GET",
                         QStringLiteral("/api/v1/metrics?from=2026-11-01&to=2026-12-01"), {}, {}, wrong)
                         .status,
                401);
        }
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_feedbacks")), 0);
        QCOMPARE(send(http, server.port(), "GET", QStringLiteral("/healthz"), {}, {}).status, 200);
        QCOMPARE(send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"), body, Json, token)
                     .status,
            201);
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_feedbacks")), 1);
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), interactionsBefore);
        for (const QByteArray& line : server.lines())
            QVERIFY2(!line.contains(token) && !line.contains("s3cret"), line.constData());
    }

    void tokenFromAFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("token")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("file-token\n");
        file.close();
        Server server(m_db->url(), {}, { QStringLiteral("--token-file"), file.fileName() });
        QNetworkAccessManager http;
        const QByteArray body = feedbackBody(idText(m_interaction), 5);
        QCOMPARE(
            send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"), body).status, 401);
        QCOMPARE(send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"), body, Json,
                     "file-token")
                     .status,
            201);
    }

    void interactionsAreQueuedWith202AndWritten()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply r = send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/interactions"),
            R"({"user_id":"bob","query":"What is RAG?","answer":"Retrieval.","confidence_score":0.9,
                "total_latency_ms":812.5,"prompt_tokens":1000,"completion_tokens":500,"model_name":"gemini-1.5-pro",
                "created_at":"2026-11-19T10:00:00Z"})");
        QCOMPARE(r.status, 202);
        const QUuid id = QUuid::fromString(r.json.value(QStringLiteral("interaction_id")).toString());
        QVERIFY(!id.isNull());
        const SqlDialect d(m_store->dialect());
        const auto cost = [&]() -> QString {
            auto q = m_store->exec(QStringLiteral("SELECT %1 FROM chat_interactions c WHERE id = %2")
                                       .arg(d.costColumn(QStringLiteral("c")), d.uuidParam()),
                { d.bindUuid(id) });
            return q.ok() && q.value().next() ? d.moneyValue(q.value().value(0)).toString() : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(cost(), QStringLiteral("0.00031250"), 30'000);
        for (const QByteArray& bad : { QByteArray(R"({"user_id":"","query":"q"})"),
                 QByteArray(R"({"user_id":"bob","query":"q","confidence_score":1.5})"),
                 QByteArray(R"({"user_id":"bob","query":"q","cost_estimate":0.1})"),
                 QByteArray(R"({"user_id":"bob","query":"q","unknown":1})"), QByteArray("nope") })
            QCOMPARE(
                send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/interactions"), bad).status,
                400);
        const HttpReply health = send(http, server.port(), "GET", QStringLiteral("/healthz"), {}, {});
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        const QJsonObject recorder = health.json.value(QStringLiteral("recorder")).toObject();
        QCOMPARE(recorder.value(QStringLiteral("written")).toInteger(), 1);
        QCOMPARE(recorder.value(QStringLiteral("dropped")).toInteger(), 0);
        QCOMPARE(
            health.json.value(QStringLiteral("store")).toObject().value(QStringLiteral("reachable")).toBool(),
            true);
    }

    void metricsAreTheStatsObject()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        const HttpReply r = send(http, server.port(), "GET",
            QStringLiteral("/api/v1/metrics?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&user=alice"),
            {}, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("requests")).toInteger(), 1);
        QCOMPARE(r.json.value(QStringLiteral("total_cost_usd")).toString(), QStringLiteral("0.00031250"));
        QVERIFY(r.json.contains(QStringLiteral("latency_percentiles_ms")));
        QCOMPARE(send(http, server.port(), "GET",
                     QStringLiteral("/api/v1/metrics?from=2026-11-19&to=yesterday"), {}, {})
                     .status,
            400);
        QCOMPARE(send(http, server.port(), "GET", QStringLiteral("/api/v1/metrics?from=2026-11-19"), {}, {})
                     .status,
            400);
    }

    void logsOneLinePerRequestWithoutBodies()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/feedback"),
            feedbackBody(idText(m_interaction), 4, QStringLiteral("comment-body-text")));
        send(http, server.port(), "GET", QStringLiteral("/healthz?probe=1"), {}, {});
        QList<QJsonObject> requests;
        QByteArray leaked;
        const auto collect = [&] {
            requests.clear();
            for (const QByteArray& line : server.lines()) {
                if (line.contains("comment-body-text") || line.contains("probe"))
                    leaked = line;
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.contains(QStringLiteral("status")))
                    requests << o;
            }
            return requests.size() >= 2;
        };
        QTRY_VERIFY_WITH_TIMEOUT(collect(), 10'000);
        QVERIFY2(leaked.isEmpty(), leaked.constData());
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(
            requests[0].value(QStringLiteral("path")).toString(), QStringLiteral("/api/v1/chat/feedback"));
        QCOMPARE(requests[0].value(QStringLiteral("status")).toInt(), 201);
        QVERIFY(requests[0].value(QStringLiteral("duration_ms")).toDouble() > 0);
        QCOMPARE(requests[1].value(QStringLiteral("path")).toString(), QStringLiteral("/healthz"));
    }

    void sigtermDrainsAndWritesTheQueue()
    {
        Server server(m_db->url());
        QNetworkAccessManager http;
        for (int i = 0; i < 40; ++i) {
            const QByteArray body
                = QJsonDocument(QJsonObject { { QStringLiteral("user_id"), QStringLiteral("carol") },
                                    { QStringLiteral("query"), QStringLiteral("q%1").arg(i) } })
                      .toJson(QJsonDocument::Compact);
            QCOMPARE(
                send(http, server.port(), "POST", QStringLiteral("/api/v1/chat/interactions"), body).status,
                202);
        }
        ::kill(pid_t(server.process().processId()), SIGTERM);
        QVERIFY(server.process().waitForFinished(60'000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
        QJsonObject stopped;
        for (const QByteArray& line : server.lines()) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() == QLatin1String("stopped"))
                stopped = o;
        }
        QVERIFY2(!stopped.isEmpty(), server.lines().join('\n').constData());
        QCOMPARE(stopped.value(QStringLiteral("interactions_written")).toInteger(), 40);
        QCOMPARE(stopped.value(QStringLiteral("interactions_not_written")).toInteger(), 0);
        QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), 41);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
    QUuid m_interaction;
};

QTEST_GUILESS_MAIN(ServeTest)
#include "tst_serve.moc"
