// `ragscope-cli check` through the real binary, in both dialects: the monitoring-plugin exit
// statuses (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN for every error), the first line with its
// performance data, the per-result lines, --json, and --at backtesting a past moment.
#include "clirunner.h"
#include "fixtures.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime Now = QDateTime::fromString(u"2026-03-10T12:00:00Z"_s, Qt::ISODate).toUTC();

/// In the hour before Now: 20 slow answers of gemini-1.5-pro-latest costing $0.05 each (total
/// $1.00), 20 fast ones of gemini-1.5-flash-latest costing $0.01; a quarter of all below 0.6.
/// The hour before that: 10 fast, cheap answers.
void fill(const StorePtr& store)
{
    const auto add
        = [&](const QDateTime& t, const QString& model, double latency, double conf, const char* cost) {
              InteractionRecord r;
              r.userId = u"alice"_s;
              r.query = r.answer = u"x"_s;
              r.model = model;
              r.totalLatencyMs = latency;
              r.confidence = conf;
              r.promptTokens = 10;
              r.completionTokens = 10;
              r.cost = Money::parse(QString::fromLatin1(cost)).value();
              r.createdAt = t;
              recordInteraction(store, r);
          };
    for (int i = 0; i < 20; ++i) {
        add(Now.addSecs(-3500 + 100 * i), u"gemini-1.5-pro-latest"_s, 5000, i % 2 ? 0.5 : 0.9, "0.05");
        add(Now.addSecs(-3500 + 100 * i), u"gemini-1.5-flash-latest"_s, 300, 0.9, "0.01");
    }
    for (int i = 0; i < 10; ++i)
        add(Now.addSecs(-7000 + 100 * i), u"gemini-1.5-flash-latest"_s, 300, 0.9, "0.001");
}

QString writeRules(const QTemporaryDir& dir, const QByteArray& json)
{
    const QString path = dir.filePath(u"rules.json"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestCliCheck : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    QTemporaryDir m_dir;

    CliRun check(const QStringList& extra)
    {
        return runCli(QStringList { u"check"_s, u"--db"_s, m_db.url() } + extra);
    }

private slots:
    void initTestCase() { fill(m_db.open()); }

    void criticalNamesTheRuleTheGroupAndTheThreshold()
    {
        const QString rules = writeRules(m_dir,
            R"({"rules": [{"name": "hourly cap", "kind": "cost_total", "window": "1h", "warn": "0.5",
                "critical": "1.20"}, {"name": "low confidence", "kind": "low_confidence_share",
                "warn": 0.25, "critical": 0.5, "min_requests": 20}]})");
        const CliRun run = check({ u"--rules"_s, rules, u"--at"_s, Now.toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err, QString());
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0),
            u"RAGSCOPE CRITICAL - hourly cap $1.20 >= $1.20 | 'hourly cap'=1.20000000;0.50000000;1.20000000 "
            "'low confidence'=25%;25;50"_s);
        QCOMPARE(lines.value(1), u"CRITICAL: hourly cap $1.20 >= $1.20"_s);
        QCOMPARE(lines.value(2), u"WARNING: low confidence 25.0% >= 25.0%"_s);
        QCOMPARE(lines.size(), 3);
    }

    void warningPerModel()
    {
        const QString rules = writeRules(m_dir,
            R"({"rules": [{"name": "p95 latency", "kind": "latency_percentile", "percentile": 95,
                "window": "1h", "warn": 2500, "min_requests": 20, "group_by": "model"}]})");
        const CliRun run = check({ u"--rules"_s, rules, u"--at"_s, Now.toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(QRegularExpression(u"^RAGSCOPE WARNING - p95 latency \\(gemini-1.5-pro-latest\\) "
                                    u"(49[5-9][0-9]|50[0-4][0-9]) ms >= 2500 ms \\| "
                                    "'p95 latency \\(gemini-1.5-flash-latest\\)'=[0-9.]+ms;2500; "
                                    "'p95 latency \\(gemini-1.5-pro-latest\\)'=[0-9.]+ms;2500;$"_s)
                     .match(lines.value(0))
                     .hasMatch(),
            qPrintable(lines.value(0)));
        QVERIFY(lines.value(1).startsWith(u"OK: p95 latency (gemini-1.5-flash-latest) 30"_s));
    }

    void okBelowMinRequestsAndAtAnEarlierMoment()
    {
        const QString rules = writeRules(m_dir,
            R"({"rules": [{"name": "cap", "kind": "cost_total", "window": "1h", "critical": "0.001",
                "min_requests": 41}]})");
        CliRun run = check({ u"--rules"_s, rules, u"--at"_s, Now.toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"RAGSCOPE OK - 1 rules OK | 'cap'=U;;0.00100000\n"
                                    "OK: cap OK (40 requests < min_requests 41)"_s),
            qPrintable(run.out));
        // Backtest: an hour earlier the window holds the 10 cheap answers only (exactly $0.01).
        const QString capped = writeRules(m_dir,
            R"({"rules": [{"name": "cap", "kind": "cost_total", "window": "1h", "critical": "0.01"}]})");
        run = check({ u"--rules"_s, capped, u"--at"_s, Now.addSecs(-3600).toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.startsWith(u"RAGSCOPE CRITICAL - cap $0.01 >= $0.01"_s), qPrintable(run.out));
        run = check({ u"--rules"_s, capped, u"--at"_s, Now.addDays(-3).toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"OK: cap OK (no data)"_s), qPrintable(run.out));
    }

    void defaultRulesWithoutAFile()
    {
        const CliRun run = check({ u"--at"_s, Now.addDays(-3).toString(Qt::ISODate) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"RAGSCOPE OK - 4 rules OK | "_s), qPrintable(run.out));
        for (const QString& name :
            { u"low confidence"_s, u"cost spike"_s, u"low ratings"_s, u"p95 latency"_s })
            QVERIFY2(run.out.contains(u"OK: %1 OK (no data)"_s.arg(name)), qPrintable(run.out));
    }

    void jsonForScripts()
    {
        const QString rules = writeRules(m_dir,
            R"({"rules": [{"name": "cap", "kind": "cost_total", "window": "1h", "warn": "1.00",
                "group_by": "model"}]})");
        const CliRun run = check({ u"--rules"_s, rules, u"--at"_s, Now.toString(Qt::ISODate), u"--json"_s });
        QCOMPARE(run.exitCode, 1);
        const QJsonObject o = run.json();
        QCOMPARE(o.value(u"status"_s).toString(), u"WARNING"_s);
        QCOMPARE(o.value(u"exit_code"_s).toInt(), 1);
        QCOMPARE(o.value(u"at"_s).toString(), u"2026-03-10T12:00:00Z"_s);
        const QJsonArray results = o.value(u"results"_s).toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0][u"group"_s].toString(), u"gemini-1.5-flash-latest"_s);
        QCOMPARE(results[0][u"value"_s].toString(), u"0.20000000"_s);
        QCOMPARE(results[0][u"state"_s].toString(), u"OK"_s);
        QCOMPARE(results[1][u"value"_s].toString(), u"1.00000000"_s);
        QCOMPARE(results[1][u"state"_s].toString(), u"WARNING"_s);
        QCOMPARE(results[1][u"count"_s].toInt(), 20);
        QCOMPARE(results[1][u"window"_s][u"from"_s].toString(), u"2026-03-10T11:00:00Z"_s);
    }

    void everyErrorIsUnknown_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind")
            << QStringList { u"--rules"_s, u"BADKIND"_s } << u"rule 1 'x': unknown kind 'nope'"_s;
        QTest::newRow("bad window") << QStringList { u"--rules"_s, u"BADWINDOW"_s }
                                    << u"rule 1 'w': bad window '90m'"_s;
        QTest::newRow("missing rules file")
            << QStringList { u"--rules"_s, u"/nonexistent/rules.json"_s } << u"does not exist"_s;
        QTest::newRow("bad --at") << QStringList { u"--at"_s, u"yesterday"_s } << u"--at"_s;
        QTest::newRow("unknown option") << QStringList { u"--frob"_s } << QString();
        QTest::newRow("unreachable store")
            << QStringList { u"--db"_s, u"postgresql://u@127.0.0.1:1/none"_s } << QString();
        QTest::newRow("missing file store")
            << QStringList { u"--db"_s, u"/nonexistent/x.sqlite"_s } << QString();
    }

    void everyErrorIsUnknown()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString badKind = writeRules(m_dir, R"({"rules": [{"name": "x", "kind": "nope", "warn": 1}]})");
        args.replaceInStrings(u"BADKIND"_s, badKind);
        if (args.contains(u"BADWINDOW"_s)) {
            QTemporaryDir other;
            QFile f(other.filePath(u"w.json"_s));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"rules": [{"name": "w", "kind": "cost_spike", "window": "90m", "warn": 1}]})");
            f.close();
            args.replaceInStrings(u"BADWINDOW"_s, f.fileName());
            const CliRun run = check(args);
            QCOMPARE(run.exitCode, 3);
            QVERIFY2(run.out.startsWith(u"RAGSCOPE UNKNOWN - "_s) && run.out.contains(message),
                qPrintable(run.out));
            return;
        }
        const bool ownDb = args.contains(u"--db"_s);
        const CliRun run = ownDb ? runCli(QStringList { u"check"_s } + args) : check(args);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.count(u'\n') <= 1, qPrintable(run.err));
        if (!args.contains(u"--frob"_s)) {
            QVERIFY2(run.out.startsWith(u"RAGSCOPE UNKNOWN - "_s), qPrintable(run.out));
            QVERIFY2(run.out.contains(message), qPrintable(run.out));
            QCOMPARE(run.out.count(u'\n'), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCheck)
#include "tst_clicheck.moc"
