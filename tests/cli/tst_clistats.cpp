// `ragscope-cli stats --json` against a PostgreSQL store made by the backend's own schema file
// and filled by SQL (generate_series + random()), compared with what PostgreSQL's own
// count / sum / avg / percentile_cont give; then the same rows exported to SQLite must give
// the same object.
#include "clirunner.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const char* FillSql = R"SQL(
SELECT setseed(0.42);
INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, citations_count, total_latency_ms,
    retrieval_latency_ms, generation_latency_ms, prompt_tokens, completion_tokens, total_tokens, model_name,
    cost_estimate, created_at)
SELECT gen_random_uuid(),
       'user-' || floor(power(random(), 2) * 20)::int,
       'question ' || g, 'answer ' || g,
       CASE WHEN random() < 0.05 THEN NULL ELSE round(random()::numeric, 3)::float8 END,
       floor(random() * 6)::int,
       CASE WHEN random() < 0.03 THEN NULL ELSE 50 + random() * 3000 END,
       CASE WHEN random() < 0.05 THEN NULL ELSE 10 + random() * 400 END,
       CASE WHEN random() < 0.05 THEN NULL ELSE 40 + random() * 2500 END,
       CASE WHEN random() < 0.02 THEN NULL ELSE floor(random() * 3000)::int END,
       CASE WHEN random() < 0.02 THEN NULL ELSE floor(random() * 800)::int END,
       CASE WHEN random() < 0.02 THEN NULL ELSE floor(random() * 3800)::int END,
       (ARRAY['gemini-1.5-pro-latest', 'gemini-1.5-flash-latest', 'embedding-001', NULL, 'Zeta-model'])[1 + floor(random() * 5)::int],
       CASE WHEN random() < 0.1 THEN NULL ELSE round((random() * 0.05)::numeric, 8) END,
       TIMESTAMPTZ '2026-09-01 00:00:00+00' + random() * INTERVAL '60 days'
FROM generate_series(1, 6000) AS g;
INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, model_name, cost_estimate, created_at) VALUES
    (gen_random_uuid(), 'edge', 'q', 'a', 1.0, 'gemini-1.5-pro-latest', 0.00000001, '2026-09-10 00:00:00+00'),
    (gen_random_uuid(), 'edge', 'q', 'a', 0.6, 'gemini-1.5-pro-latest', 999999.99999999, '2026-09-10 00:00:00.000001+00'),
    (gen_random_uuid(), 'edge', 'q', 'a', 0.0, NULL, NULL, '2026-10-31 23:59:59.999999+00');
INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)
SELECT gen_random_uuid(), id, 1 + floor(random() * 5)::int, NULL, created_at + random() * INTERVAL '5 days'
FROM chat_interactions WHERE random() < 0.25;
)SQL";

struct Window
{
    QString from, to;
    QString user, model;
    QStringList args() const
    {
        QStringList a { QStringLiteral("--from"), from, QStringLiteral("--to"), to };
        if (!user.isNull())
            a << QStringLiteral("--user") << user;
        if (!model.isNull())
            a << QStringLiteral("--model") << model;
        return a;
    }
};

// Expected values computed by PostgreSQL itself, with nothing of RagScope's SQL.
class Oracle
{
public:
    explicit Oracle(StorePtr store)
        : m_store(std::move(store))
    { }

    QJsonObject expected(const Window& w) const
    {
        const QString cond = QStringLiteral(
            "ci.created_at >= CAST(? AS timestamptz) AND ci.created_at < CAST(? AS timestamptz)"
            " AND (CAST(? AS text) IS NULL OR ci.user_id = ?) AND (CAST(? AS text) IS NULL OR ci.model_name "
            "= ?)");
        const QVariant user = w.user.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(w.user);
        const QVariant model
            = w.model.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(w.model);
        const QVariantList binds { w.from, w.to, user, user, model, model };

        QJsonObject o;
        const QSqlRecord k
            = one(QStringLiteral("SELECT count(*), COALESCE(sum(prompt_tokens), 0), "
                                 "COALESCE(sum(completion_tokens), 0), COALESCE(sum(total_tokens), 0),"
                                 " CAST(CAST(COALESCE(sum(cost_estimate), 0) AS numeric(20, 8)) AS text), "
                                 "avg(total_latency_ms), avg(confidence_score)"
                                 " FROM chat_interactions ci WHERE ")
                    + cond,
                binds);
        o[QStringLiteral("requests")] = k.value(0).toLongLong();
        o[QStringLiteral("prompt_tokens")] = k.value(1).toLongLong();
        o[QStringLiteral("completion_tokens")] = k.value(2).toLongLong();
        o[QStringLiteral("total_tokens")] = k.value(3).toLongLong();
        o[QStringLiteral("total_cost_usd")] = k.value(4).toString();
        o[QStringLiteral("avg_latency_ms")] = number(k.value(5));
        o[QStringLiteral("avg_confidence")] = number(k.value(6));

        QJsonObject percentiles;
        for (const char* column : { "total", "retrieval", "generation" }) {
            QJsonObject p;
            for (const auto& [key, level] : { std::pair { "p50", "0.5" }, { "p75", "0.75" }, { "p90", "0.9" },
                     { "p95", "0.95" }, { "p99", "0.99" } }) {
                const QSqlRecord r = one(QStringLiteral("SELECT percentile_cont(%1) WITHIN GROUP (ORDER BY "
                                                        "%2_latency_ms) FROM chat_interactions ci WHERE ")
                                             .arg(QLatin1String(level), QLatin1String(column))
                        + cond,
                    binds);
                p[QLatin1String(key)] = number(r.value(0));
            }
            percentiles[QLatin1String(column)] = p;
        }
        o[QStringLiteral("latency_percentiles_ms")] = percentiles;

        QJsonArray buckets;
        for (int b = 0; b < 10; ++b) {
            const QSqlRecord r
                = one(QStringLiteral("SELECT count(*) FROM chat_interactions ci WHERE confidence_score IS "
                                     "NOT NULL AND LEAST(floor(confidence_score * 10), 9) = %1 AND ")
                            .arg(b)
                        + cond,
                    binds);
            buckets.append(r.value(0).toLongLong());
        }
        o[QStringLiteral("confidence_buckets")] = buckets;
        o[QStringLiteral("confidence_unknown")] = one(
            QStringLiteral("SELECT count(*) FROM chat_interactions ci WHERE confidence_score IS NULL AND ")
                + cond,
            binds)
                                                      .value(0)
                                                      .toLongLong();

        const QString feedbackCond
            = QString(cond).replace(QStringLiteral("ci.created_at"), QStringLiteral("f.created_at"));
        QJsonObject ratings;
        for (int r = 1; r <= 5; ++r)
            ratings[QString::number(r)]
                = one(QStringLiteral("SELECT count(*) FROM chat_feedbacks f JOIN chat_interactions ci ON "
                                     "ci.id = f.interaction_id WHERE f.rating = %1 AND ")
                            .arg(r)
                        + feedbackCond,
                    binds)
                      .value(0)
                      .toLongLong();
        o[QStringLiteral("ratings")] = ratings;
        o[QStringLiteral("average_rating")]
            = number(one(QStringLiteral("SELECT avg(f.rating)::float8 FROM chat_feedbacks f JOIN "
                                        "chat_interactions ci ON ci.id = f.interaction_id WHERE ")
                    + feedbackCond,
                binds)
                         .value(0));
        o[QStringLiteral("feedback_rate")]
            = number(one(QStringLiteral("SELECT (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM chat_feedbacks "
                                        "f WHERE f.interaction_id = ci.id)))::float8 / NULLIF(count(*), 0)"
                                        " FROM chat_interactions ci WHERE ")
                    + cond,
                binds)
                         .value(0));

        QJsonArray daily;
        auto q = m_store->exec(
            QStringLiteral(
                "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, model_name, count(*),"
                " CAST(CAST(COALESCE(sum(cost_estimate), 0) AS numeric(20, 8)) AS text)"
                " FROM chat_interactions ci WHERE ")
                + cond + QStringLiteral(" GROUP BY 1, 2 ORDER BY 1, model_name COLLATE \"C\" NULLS LAST"),
            binds);
        if (!q.ok())
            qFatal("%s", qPrintable(q.error().message));
        while (q.value().next()) {
            daily.append(QJsonObject { { QStringLiteral("day"), q.value().value(0).toString() },
                { QStringLiteral("model"),
                    q.value().value(1).isNull() ? QJsonValue() : QJsonValue(q.value().value(1).toString()) },
                { QStringLiteral("requests"), q.value().value(2).toLongLong() },
                { QStringLiteral("cost_usd"), q.value().value(3).toString() } });
        }
        o[QStringLiteral("daily_cost")] = daily;

        // daily average = total ÷ window days (fractional); monthly × 30, annual × 365; each
        // from the exact quotient, rounded once to 8 places
        const QSqlRecord p
            = one(QStringLiteral("WITH t AS (SELECT CAST(? AS numeric) * 86400 / CAST(extract(epoch FROM "
                                 "CAST(? AS timestamptz) - CAST(? AS timestamptz)) AS numeric) AS d)"
                                 " SELECT CAST(round(d, 8) AS text), CAST(round(d * 30, 8) AS text), "
                                 "CAST(round(d * 365, 8) AS text) FROM t"),
                { o[QStringLiteral("total_cost_usd")].toString(), w.to, w.from });
        o[QStringLiteral("projection")]
            = QJsonObject { { QStringLiteral("daily_avg_usd"), p.value(0).toString() },
                  { QStringLiteral("monthly_usd"), p.value(1).toString() },
                  { QStringLiteral("annual_usd"), p.value(2).toString() } };
        return o;
    }

private:
    static QJsonValue number(const QVariant& v)
    {
        return v.isNull() ? QJsonValue() : QJsonValue(v.toDouble());
    }

    QSqlRecord one(const QString& sql, const QVariantList& binds) const
    {
        auto q = m_store->exec(sql, binds);
        if (!q.ok() || !q.value().next())
            qFatal("oracle query failed: %s\n%s", q.ok() ? "no row" : qPrintable(q.error().message),
                qPrintable(sql));
        return q.value().record();
    }

    StorePtr m_store;
};

} // namespace

Q_DECLARE_METATYPE(Window)

class TestCliStats : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(dialectUnderTest() == Dialect::Postgres, "this suite compares against PostgreSQL itself");
        m_db = std::make_unique<TestDatabase>();
        m_db->execScript(backendSchemaSql()); // the backend's schema, not RagScope's migrations
        m_db->execScript(QString::fromUtf8(FillSql));
        m_store = m_db->open(false);
        QVERIFY(m_dir.isValid());
        m_snapshot = m_dir.filePath(QStringLiteral("all.sqlite"));
        const CliRun exported = runCli({ QStringLiteral("export"), QStringLiteral("--db"), m_db->url(),
            QStringLiteral("--out"), m_snapshot });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    }

    void statsEqualPostgresOwnAggregates_data()
    {
        QTest::addColumn<Window>("window");
        QTest::newRow("whole 60 days") << Window { QStringLiteral("2026-09-01T00:00:00Z"),
            QStringLiteral("2026-11-01T00:00:00Z"), {}, {} };
        QTest::newRow("fractional window, one user") << Window { QStringLiteral("2026-09-10T06:30:00Z"),
            QStringLiteral("2026-10-03T18:00:00.500Z"), QStringLiteral("user-1"), {} };
        QTest::newRow("one model") << Window { QStringLiteral("2026-09-01T00:00:00Z"),
            QStringLiteral("2026-10-01T00:00:00Z"), {}, QStringLiteral("gemini-1.5-flash-latest") };
        QTest::newRow("user and model")
            << Window { QStringLiteral("2026-09-15T00:00:00Z"), QStringLiteral("2026-10-20T00:00:00Z"),
                   QStringLiteral("user-0"), QStringLiteral("gemini-1.5-pro-latest") };
        QTest::newRow("edge rows at the boundaries") << Window { QStringLiteral("2026-09-10T00:00:00Z"),
            QStringLiteral("2026-10-31T23:59:59.999Z"), QStringLiteral("edge"), {} };
        QTest::newRow("injection attempt as user") << Window { QStringLiteral("2026-09-01T00:00:00Z"),
            QStringLiteral("2026-11-01T00:00:00Z"), QStringLiteral("user-1' OR '1'='1"), {} };
        QTest::newRow("empty window") << Window { QStringLiteral("2027-01-01T00:00:00Z"),
            QStringLiteral("2027-01-02T00:00:00Z"), {}, {} };
    }

    void statsEqualPostgresOwnAggregates()
    {
        QFETCH(Window, window);
        const CliRun run = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_db->url(),
                                      QStringLiteral("--json") }
            + window.args());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject expected = Oracle(m_store).expected(window);
        // PostgreSQL's own avg() adds doubles in scan order, a few ulps off the exact mean
        const QString diff = diffJson(expected, run.json(), 1e-12);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void sqliteSnapshotGivesTheSameObject_data() { statsEqualPostgresOwnAggregates_data(); }

    void sqliteSnapshotGivesTheSameObject()
    {
        QFETCH(Window, window);
        const CliRun source = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
                                         m_db->url(), QStringLiteral("--json") }
            + window.args());
        QCOMPARE(source.exitCode, 0);
        const CliRun whole = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), m_snapshot,
                                        QStringLiteral("--json") }
            + window.args());
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        // the same object: every double identical, not merely close
        QString diff = diffJson(source.json(), whole.json());
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("whole-store snapshot: ") + diff));

        // a snapshot of just this window answers for the window like the source
        const QString windowFile = m_dir.filePath(QStringLiteral("window.sqlite"));
        const CliRun exported = runCli(QStringList { QStringLiteral("export"), QStringLiteral("--db"),
                                           m_db->url(), QStringLiteral("--out"), windowFile }
            + window.args());
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const CliRun windowed = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
                                           windowFile, QStringLiteral("--json") }
            + window.args());
        QVERIFY2(windowed.exitCode == 0, qPrintable(windowed.err));
        diff = diffJson(source.json(), windowed.json());
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("window snapshot: ") + diff));
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QString m_snapshot;
};

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
