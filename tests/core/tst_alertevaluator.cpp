// AlertEvaluator, AlertTimeline and AnomalyScanner on hand-placed rows, in both dialects: each
// kind fires exactly at its threshold and not just below it, stays OK with a note below
// min_requests and without data, judges groups apart, answers the same from the rollups as from
// the raw tables, and the timeline's episodes start and end at the hours the rows say.
#include "alerts/alertevaluator.h"
#include "alerts/alertsampler.h"
#include "alerts/alerttimeline.h"
#include "alerts/anomalyscanner.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "rollup/rolluprefresher.h"
#include "testdatabase.h"

#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::Test;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

// Every rule below looks at the hour [11:00, 12:00) before this moment.
const QDateTime Now = at(u"2026-03-10T12:00:00Z"_s);

struct Row
{
    QDateTime time;
    QString model = u"gemini-1.5-pro-latest"_s;
    QString user = u"alice"_s;
    std::optional<double> latency = 1000;
    std::optional<double> confidence = 0.9;
    QString cost = u"0.01000000"_s;
};

QUuid add(const StorePtr& store, const Row& row)
{
    InteractionRecord r;
    r.userId = row.user;
    r.query = r.answer = u"x"_s;
    r.model = row.model;
    r.totalLatencyMs = row.latency;
    r.retrievalLatencyMs = row.latency ? std::optional<double>(*row.latency / 10) : std::nullopt;
    r.generationLatencyMs = row.latency ? std::optional<double>(*row.latency / 2) : std::nullopt;
    r.confidence = row.confidence;
    r.promptTokens = 100;
    r.completionTokens = 10;
    r.cost = Money::parse(row.cost).value();
    r.createdAt = row.time;
    return recordInteraction(store, r);
}

/// `n` rows spread over the hour before `end`, each a copy of `row` but for its time.
QList<QUuid> addHour(const StorePtr& store, Row row, int n, const QDateTime& end = Now)
{
    QList<QUuid> ids;
    for (int i = 0; i < n; ++i) {
        row.time = end.addSecs(-3600 + 60 * i + 30);
        ids << add(store, row);
    }
    return ids;
}

AlertRule rule(AlertRule::Kind kind, std::optional<double> warn, std::optional<double> critical = {})
{
    AlertRule r;
    r.name = u"rule"_s;
    r.kind = kind;
    r.warn = warn;
    r.critical = critical;
    return r;
}

QList<AlertResult> evaluate(const StorePtr& store, const AlertRule& r, const QDateTime& when = Now)
{
    const auto results = AlertEvaluator(store).evaluate(r, when);
    if (!results.ok())
        qFatal("evaluate: %s", results.ok() ? "" : qPrintable(results.error().message));
    return results.value();
}

AlertResult single(const StorePtr& store, const AlertRule& r)
{
    const QList<AlertResult> all = evaluate(store, r);
    if (all.size() != 1)
        qFatal("expected one result, got %d", int(all.size()));
    return all.first();
}

void refreshRollups(const StorePtr& store, const QDateTime& now)
{
    const auto r = RollupRefresher(store).refresh(now);
    if (!r.ok())
        qFatal("rollup: %s", r.ok() ? "" : qPrintable(r.error().message));
}

} // namespace

class TestAlertEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void latencyPercentileFiresPerModel()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        for (int i = 1; i <= 20; ++i) // p50 of 100 … 2000 = 1050
            add(store, Row { Now.addSecs(-3600 + 100 * i), u"gemini-1.5-pro-latest"_s, u"a"_s, 100.0 * i });
        addHour(store, Row { {}, u"gemini-1.5-flash-latest"_s, u"b"_s, 5000 }, 20);
        addHour(store, Row { {}, u"Zeta-model"_s, u"c"_s, 50 }, 20);
        AlertRule r = rule(AlertRule::Kind::LatencyPercentile, 1000, 4000);
        r.percentile = 50;
        r.groupBy = AlertRule::GroupBy::Model;
        r.minRequests = 20;
        const QList<AlertResult> results = evaluate(store, r);
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].group, u"Zeta-model"_s);
        QCOMPARE(results[0].state, AlertState::Ok);
        QCOMPARE(results[1].group, u"gemini-1.5-flash-latest"_s);
        QCOMPARE(results[1].state, AlertState::Critical);
        QCOMPARE(results[1].window.model, u"gemini-1.5-flash-latest"_s);
        QCOMPARE(results[2].state, AlertState::Warning);
        QVERIFY2(std::abs(*results[2].value - 1050) <= 0.01 * 1050,
            qPrintable(QString::number(*results[2].value)));
        QVERIFY(results[1].summary().startsWith(u"rule (gemini-1.5-flash-latest) "_s));
        QVERIFY(results[1].summary().endsWith(u" >= 4000 ms"_s));
        QCOMPARE(AlertEvaluator::worst(results), AlertState::Critical);

        // Retrieval is a tenth of the total: no model reaches 1000 ms there.
        r.phase = AlertRule::Phase::Retrieval;
        for (const AlertResult& x : evaluate(store, r))
            QCOMPARE(x.state, AlertState::Ok);

        // One request short of min_requests: OK, with a note.
        r.phase = AlertRule::Phase::Total;
        r.minRequests = 21;
        for (const AlertResult& x : evaluate(store, r)) {
            QCOMPARE(x.state, AlertState::Ok);
            QCOMPARE(x.note, u"20 requests < min_requests 21"_s);
        }
    }

    void lowConfidenceShareFiresExactlyAtTheThreshold()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, 0.5 }, 5);
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, 0.6 }, 10); // 0.6 is not below 0.6
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, 0.95 }, 5);
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, std::nullopt }, 3); // unknown: not in the share
        AlertRule r = rule(AlertRule::Kind::LowConfidenceShare, 0.25);
        AlertResult x = single(store, r);
        QCOMPARE(x.state, AlertState::Warning);
        QCOMPARE(*x.value, 0.25);
        QCOMPARE(x.count, 23);
        r.warn = 0.2500001;
        QCOMPARE(single(store, r).state, AlertState::Ok);
        // A cut that the rollup buckets cannot express: 0.65 makes the 0.6 rows low too.
        r.below = 0.65;
        r.warn = 0.75;
        x = single(store, r);
        QCOMPARE(*x.value, 0.75);
        QCOMPARE(x.state, AlertState::Warning);
    }

    void lowRatingShareCountsFeedbackByItsOwnTime()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const FixtureWriter writer(store);
        // Interactions from yesterday, rated within the hour; one rating from before the hour.
        const QList<QUuid> ids = addHour(store, Row {}, 11, Now.addDays(-1));
        const QList<int> ratings { 1, 2, 2, 3, 4, 5, 5, 5, 4, 3 };
        for (int i = 0; i < ratings.size(); ++i)
            writer.addFeedback(ids[i], ratings[i], Now.addSecs(-1800 + i));
        writer.addFeedback(ids[10], 1, Now.addSecs(-7200));
        AlertRule r = rule(AlertRule::Kind::LowRatingShare, 0.1, 0.3);
        r.minRequests = 10;
        AlertResult x = single(store, r);
        QCOMPARE(x.state, AlertState::Critical);
        QCOMPARE(*x.value, 0.3);
        QCOMPARE(x.count, 10);
        r.atMost = 1;
        QCOMPARE(single(store, r).state, AlertState::Warning);
        r.minRequests = 11;
        x = single(store, r);
        QCOMPARE(x.state, AlertState::Ok);
        QCOMPARE(x.note, u"10 ratings < min_requests 11"_s);
    }

    void costTotalIsExactAtTheThreshold()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        // 3 × 0.33333333 + 0.00000001 = exactly 1.00000000 (binary doubles would not add up).
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, 0.9, u"0.33333333"_s }, 3);
        add(store, Row { Now.addSecs(-5), u"m"_s, u"a"_s, 100, 0.9, u"0.00000001"_s });
        add(store, Row { Now, u"m"_s, u"a"_s, 100, 0.9, u"5.00000000"_s }); // at the end: outside
        AlertRule r;
        r.name = u"cap"_s;
        r.kind = AlertRule::Kind::CostTotal;
        r.warnCost = Money::parse(u"0.5"_s).value();
        r.criticalCost = Money::parse(u"1.00000000"_s).value();
        AlertResult x = single(store, r);
        QCOMPARE(x.state, AlertState::Critical);
        QCOMPARE(x.cost->toString(), u"1.00000000"_s);
        QCOMPARE(x.summary(), u"cap $1.00 >= $1.00"_s);
        r.criticalCost = Money::parse(u"1.00000001"_s).value();
        QCOMPARE(single(store, r).state, AlertState::Warning);
    }

    void costSpikeComparesWithTheMedianOfThePreviousDays()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        for (int day = 1; day <= 7; ++day) // same hour on the previous days: 0.1 six times, 0.9 once
            add(store,
                Row { Now.addDays(-day).addSecs(-600), u"m"_s, u"a"_s, 100, 0.9,
                    day == 3 ? u"0.9"_s : u"0.1"_s });
        addHour(store, Row { {}, u"m"_s, u"a"_s, 100, 0.9, u"0.05"_s }, 4); // 0.2 now: twice the median
        add(store, Row { Now.addDays(-1).addSecs(-7200), u"m"_s, u"a"_s, 100, 0.9, u"3"_s }); // another hour
        AlertRule r = rule(AlertRule::Kind::CostSpike, 2.0, 3.0);
        AlertResult x = single(store, r);
        QCOMPARE(*x.value, 2.0);
        QCOMPARE(x.state, AlertState::Warning);
        r.warn = 2.01;
        QCOMPARE(single(store, r).state, AlertState::Ok);
        // No cost on the previous days: nothing to compare with.
        x = evaluate(store, r, Now.addDays(-6)).first();
        QCOMPARE(x.state, AlertState::Ok);
        QVERIFY(!x.note.isEmpty());
    }

    void noDataIsOkWithANote()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        add(store, Row { Now.addDays(-2) });
        for (const AlertRule& r : AlertRule::defaults()) {
            const QList<AlertResult> results = evaluate(store, r);
            QCOMPARE(results.size(), 1);
            QCOMPARE(results[0].state, AlertState::Ok);
            QCOMPARE(results[0].note, u"no data"_s);
            QVERIFY(results[0].summary().endsWith(u"OK (no data)"_s));
        }
    }

    void groupsByUser()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        addHour(store, Row { {}, u"m"_s, u"alice"_s, 100, 0.1 }, 4);
        addHour(store, Row { {}, u"m"_s, u"bob"_s, 100, 0.9 }, 4);
        AlertRule r = rule(AlertRule::Kind::LowConfidenceShare, 0.5);
        r.groupBy = AlertRule::GroupBy::User;
        const QList<AlertResult> results = evaluate(store, r);
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].group, u"alice"_s);
        QCOMPARE(results[0].state, AlertState::Warning);
        QCOMPARE(results[0].window.user, u"alice"_s);
        QCOMPARE(results[1].state, AlertState::Ok);
    }

    void rollupsAnswerLikeTheRawTables()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const FixtureWriter writer(store);
        const QStringList models { u"gemini-1.5-pro-latest"_s, u"gemini-1.5-flash-latest"_s };
        for (int h = 0; h < 30; ++h)
            for (int i = 0; i < 3 + h % 4; ++i) {
                const QUuid id = add(store,
                    Row { Now.addSecs(-h * 3600 - 600 * i - 7), models[(h + i) % 2], u"u%1"_s.arg(i),
                        100.0 + 37 * ((h * 7 + i * 13) % 50), 0.05 * ((h + 3 * i) % 20),
                        u"0.0%1"_s.arg(h % 7 + 1) });
                if (i % 2 == 0)
                    writer.addFeedback(id, 1 + (h + i) % 5, Now.addSecs(-h * 3600 - 300));
            }
        QList<AlertRule> rules;
        for (const AlertRule::Kind kind :
            { AlertRule::Kind::LatencyPercentile, AlertRule::Kind::LowConfidenceShare,
                AlertRule::Kind::LowRatingShare, AlertRule::Kind::CostSpike }) {
            AlertRule r = rule(kind, 0.3);
            r.windowSeconds = 6 * 3600;
            r.groupBy = AlertRule::GroupBy::Model;
            rules << r;
        }
        AlertRule cap;
        cap.name = u"cap"_s;
        cap.kind = AlertRule::Kind::CostTotal;
        cap.windowSeconds = 24 * 3600;
        cap.warnCost = Money::parse(u"1"_s).value();
        rules << cap;
        const QDateTime when = Now.addSecs(-1800); // unaligned: raw edges around rolled-up hours
        QList<QList<AlertResult>> raw;
        for (const AlertRule& r : rules) {
            QVERIFY(!AlertSampler(store, r).window(when.addSecs(-r.windowSeconds), when).value().empty());
            raw << evaluate(store, r, when);
        }
        refreshRollups(store, Now);
        for (int i = 0; i < rules.size(); ++i) {
            const AlertSampler sampler(store, rules[i]);
            QVERIFY(sampler.window(when.addSecs(-rules[i].windowSeconds), when).ok());
            QVERIFY2(sampler.usedRollups(), qPrintable(AlertRule::kindName(rules[i].kind)));
            const QList<AlertResult> rolled = evaluate(store, rules[i], when);
            QCOMPARE(rolled.size(), raw[i].size());
            for (int g = 0; g < rolled.size(); ++g) {
                QCOMPARE(rolled[g].group, raw[i][g].group);
                QCOMPARE(rolled[g].count, raw[i][g].count);
                QCOMPARE(rolled[g].cost, raw[i][g].cost);
                QCOMPARE(rolled[g].value.has_value(), raw[i][g].value.has_value());
                if (rolled[g].value) // latency: the same sketch buckets either way
                    QVERIFY2(
                        std::abs(*rolled[g].value - *raw[i][g].value) <= 1e-9 * std::abs(*raw[i][g].value),
                        qPrintable(u"%1: %2 vs %3"_s.arg(AlertRule::kindName(rules[i].kind))
                                       .arg(*rolled[g].value)
                                       .arg(*raw[i][g].value)));
            }
        }
    }

    void timelineFindsEpisodesHourByHour()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const QDateTime day = at(u"2026-03-09T00:00:00Z"_s);
        for (int h = 0; h < 24; ++h) {
            const bool slow = h == 5 || h == 6 || h == 20;
            addHour(store, Row { {}, u"m"_s, u"a"_s, slow ? 5000.0 : 500.0 }, 5, day.addSecs((h + 1) * 3600));
        }
        AlertRule r = rule(AlertRule::Kind::LatencyPercentile, 1000, 4000);
        r.minRequests = 5;
        const Filter window { day, day.addDays(1), std::nullopt, std::nullopt };
        auto episodes = AlertTimeline(store).episodes(r, window);
        QVERIFY(episodes.ok());
        QCOMPARE(episodes.value().size(), 2);
        const AlertEpisode& first = episodes.value()[0];
        QCOMPARE(first.start, day.addSecs(6 * 3600)); // the window [05:00, 06:00) ends at 06:00
        QCOMPARE(first.end, day.addSecs(8 * 3600)); // first OK again at 08:00
        QCOMPARE(first.worst, AlertState::Critical);
        QVERIFY(!first.ongoing);
        QCOMPARE(first.interactions.from, day.addSecs(5 * 3600));
        QCOMPARE(first.interactions.to, day.addSecs(8 * 3600));
        const AlertEpisode& second = episodes.value()[1];
        QCOMPARE(second.start, day.addSecs(21 * 3600));
        QCOMPARE(second.end, day.addSecs(22 * 3600));

        // The same from the rollups; a 3-hour window stretches the first episode.
        refreshRollups(store, day.addDays(2));
        r.windowSeconds = 3 * 3600;
        episodes = AlertTimeline(store).episodes(r, window);
        QVERIFY(episodes.ok());
        QCOMPARE(episodes.value().size(), 2);
        QCOMPARE(episodes.value()[0].start, day.addSecs(6 * 3600));
        QCOMPARE(episodes.value()[0].end, day.addSecs(10 * 3600));
        // 5 or 10 slow answers of 15 in each window: the p95 is slow.
        QCOMPARE(episodes.value()[0].worst, AlertState::Critical);
        QCOMPARE(episodes.value()[1].end, day.addDays(1));
    }

    void anomalyScannerFindsAPlantedCostSpike()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const QDateTime start = at(u"2026-02-01T00:00:00Z"_s);
        // Five weeks of one request every hour at 2 cents; then one hour with 12 requests.
        for (int h = 0; h < 5 * 168; ++h)
            add(store, Row { start.addSecs(h * 3600 + 60), u"m"_s, u"a"_s, 100, 0.9, u"0.02"_s });
        const QDateTime spike = start.addSecs((4 * 168 + 30) * 3600);
        for (int i = 0; i < 11; ++i)
            add(store, Row { spike.addSecs(120 + i), u"m"_s, u"a"_s, 100, 0.9, u"0.02"_s });
        const Filter window { start.addDays(28), start.addDays(35), std::nullopt, std::nullopt };
        const auto found = AnomalyScanner(store).scan(window);
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().message));
        QCOMPARE(found.value().size(), 2);
        QCOMPARE(found.value()[0].metric, Anomaly::Metric::Cost);
        QCOMPARE(found.value()[0].hour, spike);
        QCOMPARE(found.value()[0].cost.toString(), u"0.24000000"_s);
        QVERIFY(found.value()[0].costHigh < found.value()[0].cost);
        QCOMPARE(found.value()[1].metric, Anomaly::Metric::Requests);
        QCOMPARE(found.value()[1].value, 12.0);
        QVERIFY(found.value()[0].describe().contains(u"expected $0.0000 – $0.1800"_s));
    }
};

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "tst_alertevaluator.moc"
