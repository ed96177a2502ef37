// The rules file: every kind parses with its defaults, the file round-trips through the editor's
// writer, and each kind of bad input is refused with one message naming the rule.
#include "alerts/alertrulesfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace Qt::StringLiterals;

class TestAlertRules : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheIssueExample()
    {
        const auto rules = AlertRulesFile::parse(
            R"({"rules": [{"name": "p95 latency", "kind": "latency_percentile", "phase": "total",
               "percentile": 95, "window": "1h", "warn": 2500, "critical": 4000, "min_requests": 20,
               "group_by": "model"}]})");
        QVERIFY2(rules.ok(), rules.ok() ? "" : qPrintable(rules.error().message));
        QCOMPARE(rules.value().size(), 1);
        const AlertRule& r = rules.value().first();
        QCOMPARE(r.kind, AlertRule::Kind::LatencyPercentile);
        QCOMPARE(r.percentile, 95);
        QCOMPARE(r.windowSeconds, 3600);
        QCOMPARE(r.warn, 2500.0);
        QCOMPARE(r.critical, 4000.0);
        QCOMPARE(r.minRequests, 20);
        QCOMPARE(r.groupBy, AlertRule::GroupBy::Model);
    }

    void appliesDefaultsOfEachKind()
    {
        const auto rules = AlertRulesFile::parse(R"({"rules": [
            {"name": "a", "kind": "low_confidence_share", "warn": 0.2},
            {"name": "b", "kind": "low_rating_share", "window": "24h", "critical": 0.3},
            {"name": "c", "kind": "cost_spike", "window": "2h", "warn": 2},
            {"name": "d", "kind": "cost_total", "window": "1d", "warn": "10.5", "critical": 20}]})");
        QVERIFY2(rules.ok(), rules.ok() ? "" : qPrintable(rules.error().message));
        const QList<AlertRule>& r = rules.value();
        QCOMPARE(r[0].below, 0.6);
        QCOMPARE(r[0].windowSeconds, 3600);
        QCOMPARE(r[1].atMost, 2);
        QCOMPARE(r[1].windowSeconds, 86400);
        QVERIFY(!r[1].warn);
        QCOMPARE(r[3].warnCost, Money::parse(u"10.5"_s).value());
        QCOMPARE(r[3].criticalCost, Money::parse(u"20"_s).value());
    }

    void defaultsAreTheFourOfTheDesign()
    {
        const QList<AlertRule> d = AlertRule::defaults();
        QCOMPARE(d.size(), 4);
        QList<AlertRule::Kind> kinds;
        for (const AlertRule& r : d) {
            kinds << r.kind;
            QVERIFY2(AlertRulesFile::problem(r).isEmpty(), qPrintable(r.name));
        }
        QCOMPARE(kinds,
            (QList<AlertRule::Kind> { AlertRule::Kind::LowConfidenceShare, AlertRule::Kind::CostSpike,
                AlertRule::Kind::LowRatingShare, AlertRule::Kind::LatencyPercentile }));
    }

    void roundTripsThroughTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"rules.json"_s);
        QList<AlertRule> rules = AlertRule::defaults();
        AlertRule cap;
        cap.name = u"daily cap"_s;
        cap.kind = AlertRule::Kind::CostTotal;
        cap.windowSeconds = 86400;
        cap.warnCost = Money::parse(u"0.12345678"_s).value();
        cap.groupBy = AlertRule::GroupBy::User;
        rules << cap;
        QVERIFY(AlertRulesFile::save(path, rules).ok());
        const auto back = AlertRulesFile::load(path);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QCOMPARE(back.value(), rules);
    }

    void refusesBadRules_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << u"not JSON"_s;
        QTest::newRow("no rules array") << QByteArray(R"({"rule": []})") << u"{\"rules\""_s;
        QTest::newRow("empty") << QByteArray(R"({"rules": []})") << u"no rules"_s;
        QTest::newRow("unknown kind")
            << QByteArray(R"({"rules": [{"name": "x", "kind": "latency", "warn": 1}]})")
            << u"rule 1 'x': unknown kind 'latency'"_s;
        QTest::newRow("no name") << QByteArray(R"({"rules": [{"kind": "cost_spike", "warn": 1}]})")
                                 << u"rule 1: needs a \"name\""_s;
        QTest::newRow("minutes window")
            << QByteArray(R"({"rules": [{"name": "w", "kind": "cost_spike", "window": "30m", "warn": 1}]})")
            << u"rule 1 'w': bad window '30m'"_s;
        QTest::newRow("window over 7 days")
            << QByteArray(R"({"rules": [{"name": "w", "kind": "cost_spike", "window": "8d", "warn": 1}]})")
            << u"rule 1 'w': bad window '8d'"_s;
        QTest::newRow("zero window") << QByteArray(
            R"({"rules": [{"name": "w", "kind": "cost_spike", "window": "0h", "warn": 1}]})")
                                     << u"bad window '0h'"_s;
        QTest::newRow("no threshold") << QByteArray(R"({"rules": [{"name": "t", "kind": "cost_spike"}]})")
                                      << u"rule 1 't': needs warn or critical"_s;
        QTest::newRow("warn above critical")
            << QByteArray(R"({"rules": [{"name": "t", "kind": "cost_spike", "warn": 5, "critical": 2}]})")
            << u"warn must not be above critical"_s;
        QTest::newRow("share above 1")
            << QByteArray(R"({"rules": [{"name": "s", "kind": "low_rating_share", "warn": 25}]})")
            << u"rule 1 's': thresholds of a share are fractions"_s;
        QTest::newRow("negative threshold")
            << QByteArray(R"({"rules": [{"name": "n", "kind": "latency_percentile", "warn": -1}]})")
            << u"thresholds must be above 0"_s;
        QTest::newRow("threshold text")
            << QByteArray(R"({"rules": [{"name": "n", "kind": "latency_percentile", "warn": "fast"}]})")
            << u"warn must be a number"_s;
        QTest::newRow("percentile 100") << QByteArray(
            R"({"rules": [{"name": "p", "kind": "latency_percentile", "percentile": 100, "warn": 1}]})")
                                        << u"rule 1 'p': percentile must be a whole number from 50 to 99"_s;
        QTest::newRow("percentile 95.5") << QByteArray(
            R"({"rules": [{"name": "p", "kind": "latency_percentile", "percentile": 95.5, "warn": 1}]})")
                                         << u"percentile must be a whole number"_s;
        QTest::newRow("bad phase") << QByteArray(
            R"({"rules": [{"name": "p", "kind": "latency_percentile", "phase": "all", "warn": 1}]})")
                                   << u"phase must be total, retrieval or generation"_s;
        QTest::newRow("key of another kind")
            << QByteArray(R"({"rules": [{"name": "k", "kind": "cost_spike", "percentile": 90, "warn": 1}]})")
            << u"unknown key \"percentile\" for kind cost_spike"_s;
        QTest::newRow("typo key") << QByteArray(
            R"({"rules": [{"name": "k", "kind": "cost_spike", "wran": 1, "warn": 1}]})")
                                  << u"unknown key \"wran\""_s;
        QTest::newRow("bad group_by")
            << QByteArray(R"({"rules": [{"name": "g", "kind": "cost_spike", "group_by": "day", "warn": 1}]})")
            << u"group_by must be none, model or user"_s;
        QTest::newRow("negative min_requests") << QByteArray(
            R"({"rules": [{"name": "m", "kind": "cost_spike", "min_requests": -1, "warn": 1}]})")
                                               << u"min_requests must be a whole number"_s;
        QTest::newRow("below 0") << QByteArray(
            R"({"rules": [{"name": "b", "kind": "low_confidence_share", "below": 0, "warn": 0.1}]})")
                                 << u"below must be a number above 0"_s;
        QTest::newRow("at_most 5") << QByteArray(
            R"({"rules": [{"name": "a", "kind": "low_rating_share", "at_most": 5, "warn": 0.1}]})")
                                   << u"at_most must be a whole number from 1 to 4"_s;
        QTest::newRow("cost not an amount")
            << QByteArray(R"({"rules": [{"name": "c", "kind": "cost_total", "warn": "1e3"}]})")
            << u"rule 1 'c': warn must be an amount in USD"_s;
        QTest::newRow("cost zero") << QByteArray(
            R"({"rules": [{"name": "c", "kind": "cost_total", "warn": "0"}]})")
                                   << u"thresholds must be above $0"_s;
        QTest::newRow("second rule named")
            << QByteArray(R"({"rules": [{"name": "ok", "kind": "cost_spike", "warn": 1},
                                        {"name": "bad", "kind": "nope"}]})")
            << u"rule 2 'bad': unknown kind"_s;
        QTest::newRow("duplicate name")
            << QByteArray(R"({"rules": [{"name": "d", "kind": "cost_spike", "warn": 1},
                                        {"name": "d", "kind": "cost_spike", "warn": 1}]})")
            << u"rule 2 'd': the name is used twice"_s;
    }

    void refusesBadRules()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto rules = AlertRulesFile::parse(json);
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(
            rules.error().message.contains(message), rules.ok() ? "" : qPrintable(rules.error().message));
        QVERIFY(!rules.error().message.contains(QLatin1Char('\n')));
    }

    void missingFileIsNotFound()
    {
        const auto rules = AlertRulesFile::load(u"/nonexistent/rules.json"_s);
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
