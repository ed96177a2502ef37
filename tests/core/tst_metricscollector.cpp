#include "fixturewriter.h"
#include "metrics/metricscollector.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace RagScope;
using namespace Qt::StringLiterals;

// Equal to 1e-9 relative (absolute below 1), and present.
#define COMPARE_NEAR(actual, expected)                                                                       \
    do {                                                                                                     \
        const std::optional<double> a_ = (actual);                                                           \
        const double e_ = (expected);                                                                        \
        QVERIFY2(a_.has_value(), "expected a value, got none");                                              \
        QVERIFY2(std::abs(*a_ - e_) <= 1e-9 * std::max(1.0, std::abs(e_)),                                   \
            qPrintable(u"%1 != %2"_s.arg(*a_, 0, 'g', 17).arg(e_, 0, 'g', 17)));                             \
    } while (false)

namespace {

QDateTime at(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

Money usd(const QString& text)
{
    return Money::parse(text).value();
}

QUuid idOf(int n)
{
    return QUuid(u"00000000-0000-0000-0000-%1"_s.arg(n, 12, 10, QLatin1Char('0')));
}

struct Row
{
    int n;
    QString user;
    std::optional<QString> model;
    QString createdAt;
    std::optional<double> total, retrieval, generation, confidence;
    std::optional<qint64> prompt, completion;
    std::optional<QString> cost; // none: NULL (no model, or a model without a price)
};

// The window W = [2026-03-01, 2026-03-04): rows 1–12 inside, 13 exactly at `to`, 14 just before `from`.
// Total latencies 100…1000 (rows 11, 12 NULL); retrieval 10,20,30,40,50; generation 1,2,4,8.
// Rows 4, 10 have no model and row 5 an unpriced model: their cost is NULL.
const QList<Row>& rows()
{
    static const QList<Row> r {
        { 1, u"alice"_s, u"gemini-1.5-pro"_s, u"2026-03-01T00:00:00.000Z"_s, 100, 10, 1, 0.0, 1000, 100,
            u"0.10000001"_s },
        { 2, u"alice"_s, u"gemini-1.5-pro"_s, u"2026-03-01T00:30:00.000Z"_s, 200, {}, 2, 0.59999, 2000, 200,
            u"0.20000002"_s },
        { 3, u"bob"_s, u"gemini-1.5-flash"_s, u"2026-03-01T01:15:00.000Z"_s, 300, 20, {}, 0.6, 3000, 300,
            u"0.30000003"_s },
        { 4, u"bob"_s, {}, u"2026-03-01T01:45:00.000Z"_s, 400, {}, 4, 0.95, 400, 40, {} },
        { 5, u"carol"_s, u"Zeta-model"_s, u"2026-03-01T05:00:00.000Z"_s, 500, 30, {}, 1.0, 500, 50, {} },
        { 6, u"alice"_s, u"gemini-1.5-flash"_s, u"2026-03-02T00:00:00.000Z"_s, 600, {}, 8, {}, 0, 0, u"0"_s },
        { 7, u"alice"_s, u"gemini-1.5-pro"_s, u"2026-03-02T10:00:00.000Z"_s, 700, 40, {}, 0.25, 700, 70,
            u"0.07000007"_s },
        { 8, u"bob"_s, u"gemini-1.5-pro"_s, u"2026-03-02T10:20:00.000Z"_s, 800, {}, {}, 0.75, 800, 80,
            u"0.08000008"_s },
        { 9, u"carol"_s, u"gemini-1.5-flash"_s, u"2026-03-03T08:00:00.000Z"_s, 900, 50, {}, 0.5, 900, 90,
            u"0.09000009"_s },
        { 10, u"alice"_s, {}, u"2026-03-03T23:59:59.999Z"_s, 1000, {}, {}, 0.85, {}, {}, {} },
        { 11, u"bob"_s, u"gemini-1.5-flash"_s, u"2026-03-02T12:00:00.000Z"_s, {}, {}, {}, {}, 100, 10,
            u"0.01000001"_s },
        { 12, u"alice"_s, u"gemini-1.5-pro"_s, u"2026-03-03T09:00:00.000Z"_s, {}, {}, {}, 0.9, 200, 20,
            u"0.02000002"_s },
        { 13, u"carol"_s, u"gemini-1.5-pro"_s, u"2026-03-04T00:00:00.000Z"_s, 5000, 5000, 5000, 0.05, 99999,
            9999, u"9.99999999"_s },
        { 14, u"bob"_s, u"gemini-1.5-pro"_s, u"2026-02-28T23:59:59.999Z"_s, 7000, 7000, 7000, 0.15, 88888,
            8888, u"8.88888888"_s },
    };
    return r;
}

Filter window(std::optional<QString> user = {}, std::optional<QString> model = {})
{
    return { at(u"2026-03-01T00:00:00.000Z"_s), at(u"2026-03-04T00:00:00.000Z"_s), user, model };
}

InteractionRecord recordOf(const Row& row)
{
    InteractionRecord r;
    r.id = idOf(row.n);
    r.userId = row.user;
    r.query = u"question %1"_s.arg(row.n);
    r.answer = u"answer"_s;
    r.confidence = row.confidence;
    r.totalLatencyMs = row.total;
    r.retrievalLatencyMs = row.retrieval;
    r.generationLatencyMs = row.generation;
    r.promptTokens = row.prompt;
    r.completionTokens = row.completion;
    r.model = row.model;
    if (row.cost)
        r.cost = usd(*row.cost);
    r.createdAt = at(row.createdAt);
    return r;
}

} // namespace

/// Hand-worked fixture checks of every MetricsCollector query, in the dialect under test.
class TestMetricsCollector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void kpisTotalTheWindow();
    void averagesAreTheExactMeanRoundedOnce();
    void kpisNarrowToUserAndModel_data();
    void kpisNarrowToUserAndModel();
    void windowIncludesFromAndExcludesTo_data();
    void windowIncludesFromAndExcludesTo();
    void injectionAttemptAsUserMatchesNothing();
    void emptyWindowGivesZeroCountsAndNoAverages();
    void latencyPercentilesMatchPercentileCont();
    void percentilesFollowPercentileContFormula_data();
    void percentilesFollowPercentileContFormula();
    void confidenceBucketsFloorScoresAndCountUnknown();
    void ratingsUseFeedbackTimeAndInteractionFilters_data();
    void ratingsUseFeedbackTimeAndInteractionFilters();
    void dailyCostSortsByDayThenModelBytewiseNullLast();
    void latencyOverTimeByDay();
    void latencyOverTimeByHour();
    void bucketForUsesHoursUpToThreeDays_data();
    void bucketForUsesHoursUpToThreeDays();
    void confidenceByRatingAveragesPerUserRating();
    void userStatsBusiestFirstAndLimited();
    void systemStatsCoverWholeStore();
    void systemStatsOfEmptyStore();
    void reviewSummaryUsesLatestReviews();
    void reviewSummaryEmptyWithoutReviewsTable();
    void reportBundlesMetricsWithProjection();

private:
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
};

void TestMetricsCollector::initTestCase()
{
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    if (m_db->dialect() == Dialect::Postgres) {
        // A store created under a linguistic collation ("gemini…" before "Zeta…"): the daily
        // cost order must still be byte-wise, as on SQLite.
        m_db->execScript(u"ALTER TABLE chat_interactions ALTER COLUMN model_name TYPE VARCHAR(100)"
                         " COLLATE \"und-x-icu\""_s);
    }
    QList<InteractionRecord> records;
    for (const Row& row : rows())
        records << recordOf(row);
    const auto written = InteractionRecorder(m_store).recordBatch(records);
    QVERIFY2(written.ok(), qPrintable(written ? QString() : written.error().message));

    const Test::FixtureWriter w(m_store);
    // Feedback created in W: rows 1 (5), 2 (1), 3 (4), 8 (3), 9 (5), and row 14 (4) whose
    // interaction lies before W. Row 7's feedback (2) is created exactly at `to`, row 13's after W.
    w.addFeedback(idOf(1), 5, at(u"2026-03-01T01:00:00.000Z"_s));
    w.addFeedback(idOf(2), 1, at(u"2026-03-01T02:00:00.000Z"_s));
    w.addFeedback(idOf(3), 4, at(u"2026-03-01T03:00:00.000Z"_s));
    w.addFeedback(idOf(7), 2, at(u"2026-03-04T00:00:00.000Z"_s));
    w.addFeedback(idOf(8), 3, at(u"2026-03-02T11:00:00.000Z"_s));
    w.addFeedback(idOf(9), 5, at(u"2026-03-03T09:00:00.000Z"_s));
    w.addFeedback(idOf(14), 4, at(u"2026-03-01T00:00:00.000Z"_s));
    w.addFeedback(idOf(13), 1, at(u"2026-03-04T01:00:00.000Z"_s));

    // Reviews (7 rows). rev1 changed its mind on row 1 (wrong → good); row 13 lies outside W.
    w.addReview(idOf(1), u"rev1"_s, 2, u"wrong"_s, at(u"2026-03-01T10:00:00.000Z"_s));
    w.addReview(idOf(1), u"rev1"_s, 4, u"good"_s, at(u"2026-03-02T10:00:00.000Z"_s));
    w.addReview(idOf(1), u"rev2"_s, 5, u"good"_s, at(u"2026-03-01T12:00:00.000Z"_s));
    w.addReview(idOf(2), u"rev2"_s, 4, u"hallucination"_s, at(u"2026-03-01T11:00:00.000Z"_s));
    w.addReview(idOf(5), u"rev1"_s, 3, u"good"_s, at(u"2026-03-01T12:00:00.000Z"_s));
    w.addReview(idOf(7), u"rev1"_s, 2, u"wrong"_s, at(u"2026-03-03T00:00:00.000Z"_s));
    w.addReview(idOf(13), u"rev1"_s, 1, u"wrong"_s, at(u"2026-03-04T02:00:00.000Z"_s));
}

void TestMetricsCollector::kpisTotalTheWindow()
{
    const auto k = MetricsCollector(m_store).kpis(window());
    QVERIFY2(k.ok(), qPrintable(k ? QString() : k.error().message));
    QCOMPARE(k->requests, 12);
    // prompt 1000+2000+3000+400+500+0+700+800+900+100+200; completion a tenth of each
    QCOMPARE(k->promptTokens, 9600);
    QCOMPARE(k->completionTokens, 960);
    QCOMPARE(k->totalTokens, 10560);
    // .10000001+.20000002+.30000003+0+.07000007+.08000008+.09000009+.01000001+.02000002
    QCOMPARE(k->totalCost, usd(u"0.87000033"_s));
    QCOMPARE(k->unpricedRequests, 2); // rows 4 and 5; row 10 has no tokens
    COMPARE_NEAR(k->avgLatencyMs, 550.0);
    // (0 + .59999 + .6 + .95 + 1 + .25 + .75 + .5 + .85 + .9) / 10
    COMPARE_NEAR(k->avgConfidence, 0.639999);
    QCOMPARE(k->distinctUsers, 3);
}

void TestMetricsCollector::kpisNarrowToUserAndModel_data()
{
    QTest::addColumn<std::optional<QString>>("user");
    QTest::addColumn<std::optional<QString>>("model");
    QTest::addColumn<qint64>("requests");
    QTest::addColumn<QString>("cost");
    QTest::addColumn<double>("avgLatency");
    QTest::addColumn<qint64>("users");

    // rows 3, 4, 8, 11: latency (300 + 400 + 800) / 3
    QTest::newRow("bob") << std::optional(u"bob"_s) << std::optional<QString>() << qint64(4)
                         << u"0.39000012"_s << 500.0 << qint64(1);
    // rows 1, 2, 7, 8, 12: latency (100 + 200 + 700 + 800) / 4
    QTest::newRow("pro") << std::optional<QString>() << std::optional(u"gemini-1.5-pro"_s) << qint64(5)
                         << u"0.47000020"_s << 450.0 << qint64(2);
    // row 6 only
    QTest::newRow("alice on flash") << std::optional(u"alice"_s) << std::optional(u"gemini-1.5-flash"_s)
                                    << qint64(1) << u"0"_s << 600.0 << qint64(1);
}

void TestMetricsCollector::kpisNarrowToUserAndModel()
{
    QFETCH(std::optional<QString>, user);
    QFETCH(std::optional<QString>, model);
    QFETCH(qint64, requests);
    QFETCH(QString, cost);
    QFETCH(double, avgLatency);
    QFETCH(qint64, users);
    const auto k = MetricsCollector(m_store).kpis(window(user, model));
    QVERIFY(k.ok());
    QCOMPARE(k->requests, requests);
    QCOMPARE(k->totalCost, usd(cost));
    COMPARE_NEAR(k->avgLatencyMs, avgLatency);
    QCOMPARE(k->distinctUsers, users);
}

void TestMetricsCollector::windowIncludesFromAndExcludesTo_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("requests");
    QTest::addColumn<double>("p50");

    // row 1 sits exactly at from; row 2 exactly at to
    QTest::newRow("first half hour") << u"2026-03-01T00:00:00.000Z"_s << u"2026-03-01T00:30:00.000Z"_s
                                     << qint64(1) << 100.0;
    // row 13 sits exactly at from
    QTest::newRow("after W") << u"2026-03-04T00:00:00.000Z"_s << u"2026-03-05T00:00:00.000Z"_s << qint64(1)
                             << 5000.0;
    // row 14 is 1 ms before 2026-03-01; row 1 exactly at to
    QTest::newRow("last ms before W")
        << u"2026-02-28T23:59:59.999Z"_s << u"2026-03-01T00:00:00.000Z"_s << qint64(1) << 7000.0;
    // rows 9, 12 and 10 (23:59:59.999); row 13 sits exactly at to
    QTest::newRow("last day of W") << u"2026-03-03T00:00:00.000Z"_s << u"2026-03-04T00:00:00.000Z"_s
                                   << qint64(3) << 950.0;
}

void TestMetricsCollector::windowIncludesFromAndExcludesTo()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(qint64, requests);
    QFETCH(double, p50);
    const MetricsCollector metrics(m_store);
    const Filter f { at(from), at(to), {}, {} };
    const auto k = metrics.kpis(f);
    QVERIFY(k.ok());
    QCOMPARE(k->requests, requests);
    const auto p = metrics.latencyPercentiles(f);
    QVERIFY(p.ok());
    COMPARE_NEAR(p->total.p50(), p50);
}

void TestMetricsCollector::injectionAttemptAsUserMatchesNothing()
{
    const MetricsCollector metrics(m_store);
    const Filter f = window(u"alice' OR '1'='1"_s);
    const auto report = metrics.report(f);
    QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->kpis.requests, 0);
    QCOMPARE(report->ratings.total(), 0);
    QVERIFY(report->dailyCost.isEmpty());
    const auto users = metrics.userStats(f, 10);
    QVERIFY(users.ok());
    QVERIFY(users->isEmpty());
    // The table is still there.
    QCOMPARE(metrics.kpis(window())->requests, 12);
}

void TestMetricsCollector::emptyWindowGivesZeroCountsAndNoAverages()
{
    const MetricsCollector metrics(m_store);
    const Filter f { at(u"2025-01-01T00:00:00.000Z"_s), at(u"2025-01-02T00:00:00.000Z"_s), {}, {} };
    const auto r = metrics.report(f);
    QVERIFY(r.ok());
    QCOMPARE(r->kpis.requests, 0);
    QCOMPARE(r->kpis.promptTokens, 0);
    QCOMPARE(r->kpis.totalTokens, 0);
    QCOMPARE(r->kpis.totalCost, Money());
    QCOMPARE(r->kpis.unpricedRequests, 0);
    QCOMPARE(r->kpis.distinctUsers, 0);
    QVERIFY(!r->kpis.avgLatencyMs);
    QVERIFY(!r->kpis.avgConfidence);
    for (const Percentiles* p : { &r->latency.total, &r->latency.retrieval, &r->latency.generation }) {
        for (const auto& v : p->values)
            QVERIFY(!v);
    }
    QCOMPARE(r->confidence.unknown, 0);
    for (qint64 b : r->confidence.buckets)
        QCOMPARE(b, 0);
    QCOMPARE(r->ratings.total(), 0);
    QVERIFY(!r->ratings.average);
    QVERIFY(!r->ratings.feedbackRate());
    QVERIFY(r->dailyCost.isEmpty());
    QCOMPARE(r->projection.dailyAverage, Money());
    QVERIFY(metrics.latencyOverTime(f, TimeBucket::Hour)->isEmpty());
    QVERIFY(metrics.userStats(f, 10)->isEmpty());
    const auto reviews = metrics.reviewSummary(f);
    QVERIFY(reviews.ok());
    QCOMPARE(reviews->reviewed, 0);
    QVERIFY(!reviews->meanAbsoluteDifference);
}

void TestMetricsCollector::latencyPercentilesMatchPercentileCont()
{
    const auto p = MetricsCollector(m_store).latencyPercentiles(window());
    QVERIFY2(p.ok(), qPrintable(p ? QString() : p.error().message));
    // total 100…1000, n = 10: pos = p·9 → 4.5, 6.75, 8.1, 8.55, 8.91
    const double total[] { 550, 775, 910, 955, 991 };
    // retrieval 10…50, n = 5: pos = p·4 → 2, 3, 3.6, 3.8, 3.96
    const double retrieval[] { 30, 40, 46, 48, 49.6 };
    // generation 1, 2, 4, 8, n = 4: pos = p·3 → 1.5, 2.25, 2.7, 2.85, 2.97
    const double generation[] { 3, 5, 6.8, 7.4, 7.88 };
    for (size_t i = 0; i < 5; ++i) {
        COMPARE_NEAR(p->total.values[i], total[i]);
        COMPARE_NEAR(p->retrieval.values[i], retrieval[i]);
        COMPARE_NEAR(p->generation.values[i], generation[i]);
    }
}

void TestMetricsCollector::percentilesFollowPercentileContFormula_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::newRow("one value") << QList<double> { 42.5 };
    QTest::newRow("two values") << QList<double> { 7, 3 };
    QTest::newRow("ties") << QList<double> { 1, 1, 2, 2, 2, 100 };
    QTest::newRow("fractions") << QList<double> { 0.1, 3.3, 0.2, 1e6, 7.7, 2.5, 0.3 };
    QList<double> many;
    for (int i = 0; i < 137; ++i)
        many << double((i * 7919) % 1009) / 3.0;
    QTest::newRow("137 values") << many;
}

void TestMetricsCollector::percentilesFollowPercentileContFormula()
{
    QFETCH(QList<double>, values);
    Test::TestDatabase db;
    const StorePtr store = db.open();
    QList<InteractionRecord> records;
    const QDateTime t0 = at(u"2026-05-01T00:00:00.000Z"_s);
    for (qsizetype i = 0; i < values.size(); ++i) {
        InteractionRecord r;
        r.userId = u"u"_s;
        r.query = u"q"_s;
        r.answer = u"a"_s;
        r.totalLatencyMs = values[i];
        r.createdAt = t0.addSecs(i);
        records << r;
    }
    InteractionRecord withoutLatency; // a NULL latency is left out, not counted as 0
    withoutLatency.userId = u"u"_s;
    withoutLatency.query = u"q"_s;
    withoutLatency.answer = u"a"_s;
    withoutLatency.createdAt = t0;
    records << withoutLatency;
    const auto written = InteractionRecorder(store).recordBatch(records);
    QVERIFY2(written.ok(), qPrintable(written ? QString() : written.error().message));

    // PostgreSQL's percentile_cont: pos = p·(n−1), interpolate between floor(pos) and ceil(pos).
    std::sort(values.begin(), values.end());
    const auto p = MetricsCollector(store).latencyPercentiles({ t0, t0.addDays(1), {}, {} });
    QVERIFY(p.ok());
    for (size_t i = 0; i < Percentiles::Levels.size(); ++i) {
        const double pos = Percentiles::Levels[i] * double(values.size() - 1);
        const auto lo = qsizetype(std::floor(pos));
        const auto hi = qsizetype(std::ceil(pos));
        const double expected = values[lo] + (values[hi] - values[lo]) * (pos - double(lo));
        COMPARE_NEAR(p->total.values[i], expected);
    }
}

void TestMetricsCollector::confidenceBucketsFloorScoresAndCountUnknown()
{
    const auto h = MetricsCollector(m_store).confidenceHistogram(window());
    QVERIFY(h.ok());
    // 0.0→0, .25→2, .59999→5, .5→5, .6→6, .75→7, .85→8, .9→9, .95→9, 1.0→9; rows 6, 11 unknown
    const std::array<qint64, 10> expected { 1, 0, 1, 0, 0, 2, 1, 1, 1, 3 };
    QCOMPARE(h->buckets, expected);
    QCOMPARE(h->unknown, 2);
}

void TestMetricsCollector::ratingsUseFeedbackTimeAndInteractionFilters_data()
{
    QTest::addColumn<std::optional<QString>>("user");
    QTest::addColumn<std::optional<QString>>("model");
    QTest::addColumn<QList<qint64>>("counts");
    QTest::addColumn<double>("average");
    QTest::addColumn<qint64>("interactions");
    QTest::addColumn<qint64>("withFeedback");

    // feedback in W: 5, 1, 4, 3, 5 and row 14's 4 → (1 + 3 + 8 + 10) / 6; rows 1, 2, 3, 7, 8, 9 have feedback
    QTest::newRow("all") << std::optional<QString>() << std::optional<QString>()
                         << QList<qint64> { 1, 0, 1, 2, 2 } << 22.0 / 6 << qint64(12) << qint64(6);
    // bob: rows 3 (4), 8 (3) and row 14 (4)
    QTest::newRow("bob") << std::optional(u"bob"_s) << std::optional<QString>()
                         << QList<qint64> { 0, 0, 1, 2, 0 } << 11.0 / 3 << qint64(4) << qint64(2);
    // pro: rows 1 (5), 2 (1), 8 (3), 14 (4); interactions 1, 2, 7, 8, 12 of which 1, 2, 7, 8 have feedback
    QTest::newRow("pro") << std::optional<QString>() << std::optional(u"gemini-1.5-pro"_s)
                         << QList<qint64> { 1, 0, 1, 1, 1 } << 13.0 / 4 << qint64(5) << qint64(4);
}

void TestMetricsCollector::ratingsUseFeedbackTimeAndInteractionFilters()
{
    QFETCH(std::optional<QString>, user);
    QFETCH(std::optional<QString>, model);
    QFETCH(QList<qint64>, counts);
    QFETCH(double, average);
    QFETCH(qint64, interactions);
    QFETCH(qint64, withFeedback);
    const auto r = MetricsCollector(m_store).ratings(window(user, model));
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().message));
    QCOMPARE(QList<qint64>(r->counts.begin(), r->counts.end()), counts);
    COMPARE_NEAR(r->average, average);
    QCOMPARE(r->interactions, interactions);
    QCOMPARE(r->interactionsWithFeedback, withFeedback);
}

void TestMetricsCollector::dailyCostSortsByDayThenModelBytewiseNullLast()
{
    const auto rowsResult = MetricsCollector(m_store).dailyCost(window());
    QVERIFY2(rowsResult.ok(), qPrintable(rowsResult ? QString() : rowsResult.error().message));
    struct Expected
    {
        QString day;
        std::optional<QString> model;
        qint64 requests, prompt, completion;
        QString cost;
    };
    // 'Z' (0x5A) sorts before 'g' byte-wise; NULL model last within a day.
    const QList<Expected> expected {
        { u"2026-03-01"_s, u"Zeta-model"_s, 1, 500, 50, u"0"_s },
        { u"2026-03-01"_s, u"gemini-1.5-flash"_s, 1, 3000, 300, u"0.30000003"_s },
        { u"2026-03-01"_s, u"gemini-1.5-pro"_s, 2, 3000, 300, u"0.30000003"_s },
        { u"2026-03-01"_s, {}, 1, 400, 40, u"0"_s },
        { u"2026-03-02"_s, u"gemini-1.5-flash"_s, 2, 100, 10, u"0.01000001"_s },
        { u"2026-03-02"_s, u"gemini-1.5-pro"_s, 2, 1500, 150, u"0.15000015"_s },
        { u"2026-03-03"_s, u"gemini-1.5-flash"_s, 1, 900, 90, u"0.09000009"_s },
        { u"2026-03-03"_s, u"gemini-1.5-pro"_s, 1, 200, 20, u"0.02000002"_s },
        { u"2026-03-03"_s, {}, 1, 0, 0, u"0"_s },
    };
    const QList<DailyCost>& got = *rowsResult;
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].day, expected[i].day);
        QCOMPARE(got[i].model, expected[i].model);
        QCOMPARE(got[i].requests, expected[i].requests);
        QCOMPARE(got[i].promptTokens, expected[i].prompt);
        QCOMPARE(got[i].completionTokens, expected[i].completion);
        QCOMPARE(got[i].cost, usd(expected[i].cost));
    }
}

void TestMetricsCollector::latencyOverTimeByDay()
{
    const auto points = MetricsCollector(m_store).latencyOverTime(window(), TimeBucket::Day);
    QVERIFY2(points.ok(), qPrintable(points ? QString() : points.error().message));
    QCOMPARE(points->size(), 3);
    const LatencyPoint& d1 = points->at(0);
    QCOMPARE(d1.start, at(u"2026-03-01T00:00:00.000Z"_s));
    QCOMPARE(d1.start.timeSpec(), Qt::UTC);
    QCOMPARE(d1.requests, 5);
    // 100…500, n = 5: pos 2, 3, 3.6, 3.8, 3.96
    const double day1[] { 300, 400, 460, 480, 496 };
    for (size_t i = 0; i < 5; ++i)
        COMPARE_NEAR(d1.total.values[i], day1[i]);
    COMPARE_NEAR(d1.avgRetrievalMs, 20.0); // 10, 20, 30
    COMPARE_NEAR(d1.avgGenerationMs, 7.0 / 3); // 1, 2, 4

    const LatencyPoint& d2 = points->at(1);
    QCOMPARE(d2.start, at(u"2026-03-02T00:00:00.000Z"_s));
    QCOMPARE(d2.requests, 4);
    // 600, 700, 800 (row 11 NULL), n = 3: pos 1, 1.5, 1.8, 1.9, 1.98
    const double day2[] { 700, 750, 780, 790, 798 };
    for (size_t i = 0; i < 5; ++i)
        COMPARE_NEAR(d2.total.values[i], day2[i]);
    COMPARE_NEAR(d2.avgRetrievalMs, 40.0);
    COMPARE_NEAR(d2.avgGenerationMs, 8.0);

    const LatencyPoint& d3 = points->at(2);
    QCOMPARE(d3.start, at(u"2026-03-03T00:00:00.000Z"_s));
    QCOMPARE(d3.requests, 3);
    // 900, 1000: pos .5, .75, .9, .95, .99
    const double day3[] { 950, 975, 990, 995, 999 };
    for (size_t i = 0; i < 5; ++i)
        COMPARE_NEAR(d3.total.values[i], day3[i]);
    COMPARE_NEAR(d3.avgRetrievalMs, 50.0);
    QVERIFY(!d3.avgGenerationMs);
}

void TestMetricsCollector::latencyOverTimeByHour()
{
    const auto points = MetricsCollector(m_store).latencyOverTime(window(), TimeBucket::Hour);
    QVERIFY2(points.ok(), qPrintable(points ? QString() : points.error().message));
    struct Expected
    {
        QString start;
        qint64 requests;
        std::optional<double> p50, p99, retrieval, generation;
    };
    const QList<Expected> expected {
        { u"2026-03-01T00:00:00.000Z"_s, 2, 150, 199, 10, 1.5 }, // rows 1, 2
        { u"2026-03-01T01:00:00.000Z"_s, 2, 350, 399, 20, 4 }, // rows 3, 4
        { u"2026-03-01T05:00:00.000Z"_s, 1, 500, 500, 30, {} },
        { u"2026-03-02T00:00:00.000Z"_s, 1, 600, 600, {}, 8 },
        { u"2026-03-02T10:00:00.000Z"_s, 2, 750, 799, 40, {} }, // rows 7, 8
        { u"2026-03-02T12:00:00.000Z"_s, 1, {}, {}, {}, {} }, // row 11: no latency at all
        { u"2026-03-03T08:00:00.000Z"_s, 1, 900, 900, 50, {} },
        { u"2026-03-03T09:00:00.000Z"_s, 1, {}, {}, {}, {} },
        { u"2026-03-03T23:00:00.000Z"_s, 1, 1000, 1000, {}, {} },
    };
    QCOMPARE(points->size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const LatencyPoint& p = points->at(i);
        const Expected& e = expected[i];
        QCOMPARE(p.start, at(e.start));
        QCOMPARE(p.requests, e.requests);
        for (const auto& [got, want] : { std::pair(p.total.p50(), e.p50), std::pair(p.total.values[4], e.p99),
                 std::pair(p.avgRetrievalMs, e.retrieval), std::pair(p.avgGenerationMs, e.generation) }) {
            QCOMPARE(got.has_value(), want.has_value());
            if (want)
                COMPARE_NEAR(got, *want);
        }
    }
}

void TestMetricsCollector::bucketForUsesHoursUpToThreeDays_data()
{
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<TimeBucket>("bucket");
    QTest::newRow("1 hour") << qint64(3'600'000) << TimeBucket::Hour;
    QTest::newRow("3 days") << qint64(3 * 86'400'000LL) << TimeBucket::Hour;
    QTest::newRow("3 days + 1 ms") << qint64(3 * 86'400'000LL + 1) << TimeBucket::Day;
    QTest::newRow("90 days") << qint64(90 * 86'400'000LL) << TimeBucket::Day;
}

void TestMetricsCollector::bucketForUsesHoursUpToThreeDays()
{
    QFETCH(qint64, windowMs);
    QFETCH(TimeBucket, bucket);
    const QDateTime from = at(u"2026-03-01T00:00:00.000Z"_s);
    QCOMPARE(MetricsCollector::bucketFor({ from, from.addMSecs(windowMs), {}, {} }), bucket);
}

void TestMetricsCollector::confidenceByRatingAveragesPerUserRating()
{
    const auto c = MetricsCollector(m_store).confidenceByRating(window());
    QVERIFY(c.ok());
    // rated interactions in W: 2 (1, .59999), 7 (2, .25), 8 (3, .75), 3 (4, .6), 1 and 9 (5, 0 and .5)
    const std::array<qint64, 5> counts { 1, 1, 1, 1, 2 };
    QCOMPARE(c->counts, counts);
    const double averages[] { 0.59999, 0.25, 0.75, 0.6, 0.25 };
    for (size_t i = 0; i < 5; ++i)
        COMPARE_NEAR(c->avgConfidence[i], averages[i]);
}

void TestMetricsCollector::averagesAreTheExactMeanRoundedOnce()
{
    // Summed as doubles in any order, 0.1 + 0.2 + 0.3 ÷ 3 gives 0.20000000000000004 or
    // 0.19999999999999998, and which one depends on the engine's row order; the exact mean of the
    // three doubles rounds to 0.2. Both dialects must give exactly that double.
    Test::TestDatabase db;
    const StorePtr store = db.open();
    const QList<std::pair<QString, double>> values { { u"tenths"_s, 0.1 }, { u"tenths"_s, 0.2 },
        { u"tenths"_s, 0.3 }, { u"wide"_s, 1e15 }, { u"wide"_s, 0.1 }, { u"wide"_s, 0.1 } };
    for (const auto& [user, value] : values) {
        InteractionRecord r = recordOf(rows().first());
        r.id = QUuid::createUuid();
        r.userId = user;
        r.totalLatencyMs = value;
        r.confidence = user == u"tenths"_s ? std::optional<double>(value) : std::nullopt;
        QVERIFY(InteractionRecorder(store).record(r).ok());
    }
    const MetricsCollector metrics(store);
    const auto tenths = metrics.kpis(window(u"tenths"_s));
    QVERIFY2(tenths.ok(), qPrintable(tenths ? QString() : tenths.error().message));
    QCOMPARE(tenths->avgLatencyMs, std::optional<double>(0.2));
    QCOMPARE(tenths->avgConfidence, std::optional<double>(0.2));
    // (1e15 + 2 × 0.1000000000000000055511) ÷ 3 rounds to …333.4; double sums give …333.44
    const auto report = metrics.report(window(u"wide"_s));
    QVERIFY(report.ok());
    QCOMPARE(report->kpis.avgLatencyMs, std::optional<double>(333333333333333.4));
    QCOMPARE(report->kpis.avgConfidence, std::optional<double>());
}

void TestMetricsCollector::userStatsBusiestFirstAndLimited()
{
    const MetricsCollector metrics(m_store);
    const auto all = metrics.userStats(window(), 10);
    QVERIFY2(all.ok(), qPrintable(all ? QString() : all.error().message));
    QCOMPARE(all->size(), 3);
    const UserStats& alice = all->at(0); // rows 1, 2, 6, 7, 10, 12
    QCOMPARE(alice.user, u"alice"_s);
    QCOMPARE(alice.requests, 6);
    QCOMPARE(alice.cost, usd(u"0.39000012"_s));
    QCOMPARE(alice.unpricedRequests, 1); // row 10: no model
    COMPARE_NEAR(alice.avgLatencyMs, 520.0); // (100 + 200 + 600 + 700 + 1000) / 5
    COMPARE_NEAR(alice.avgConfidence, 0.519998); // (0 + .59999 + .25 + .85 + .9) / 5
    COMPARE_NEAR(alice.avgRating, 8.0 / 3); // 5, 1, 2
    QCOMPARE(alice.lowRated, 2);
    const UserStats& bob = all->at(1); // rows 3, 4, 8, 11
    QCOMPARE(bob.user, u"bob"_s);
    QCOMPARE(bob.requests, 4);
    QCOMPARE(bob.cost, usd(u"0.39000012"_s));
    QCOMPARE(bob.unpricedRequests, 1); // row 4: no model
    COMPARE_NEAR(bob.avgLatencyMs, 500.0);
    COMPARE_NEAR(bob.avgConfidence, 2.3 / 3);
    COMPARE_NEAR(bob.avgRating, 3.5);
    QCOMPARE(bob.lowRated, 0);
    const UserStats& carol = all->at(2); // rows 5, 9
    QCOMPARE(carol.user, u"carol"_s);
    QCOMPARE(carol.requests, 2);
    QCOMPARE(carol.cost, usd(u"0.09000009"_s));
    QCOMPARE(carol.unpricedRequests, 1); // row 5: a model without a price
    COMPARE_NEAR(carol.avgLatencyMs, 700.0);
    COMPARE_NEAR(carol.avgConfidence, 0.75);
    COMPARE_NEAR(carol.avgRating, 5.0);

    const auto top = metrics.userStats(window(), 2);
    QVERIFY(top.ok());
    QCOMPARE(top->size(), 2);
    QCOMPARE(top->at(1).user, u"bob"_s);
}

void TestMetricsCollector::systemStatsCoverWholeStore()
{
    const auto s = MetricsCollector(m_store).systemStats();
    QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->interactions, 14);
    QCOMPARE(s->feedbacks, 8);
    QCOMPARE(s->reviews, 7);
    QCOMPARE(s->users, 3);
    QCOMPARE(s->models, (QStringList { u"Zeta-model"_s, u"gemini-1.5-flash"_s, u"gemini-1.5-pro"_s }));
    QCOMPARE(s->userIds, (QStringList { u"alice"_s, u"bob"_s, u"carol"_s })); // 6, 5, 3 interactions
    QCOMPARE(s->first, std::optional(at(u"2026-02-28T23:59:59.999Z"_s)));
    QCOMPARE(s->last, std::optional(at(u"2026-03-04T00:00:00.000Z"_s)));
}

void TestMetricsCollector::systemStatsOfEmptyStore()
{
    Test::TestDatabase db;
    const auto s = MetricsCollector(db.open()).systemStats();
    QVERIFY(s.ok());
    QCOMPARE(s->interactions, 0);
    QCOMPARE(s->feedbacks, 0);
    QCOMPARE(s->users, 0);
    QVERIFY(s->models.isEmpty());
    QVERIFY(!s->first);
    QVERIFY(!s->last);
}

void TestMetricsCollector::reviewSummaryUsesLatestReviews()
{
    const auto s = MetricsCollector(m_store).reviewSummary(window());
    QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().message));
    // latest per (interaction, reviewer): 1/rev1 good, 1/rev2 good, 2/rev2 hallucination, 5/rev1 good, 7/rev1
    // wrong
    const QList<QPair<QString, qint64>> labels { { u"good"_s, 3 }, { u"hallucination"_s, 1 },
        { u"wrong"_s, 1 } };
    QCOMPARE(s->labels, labels);
    QCOMPARE(s->reviewed, 4); // 1, 2, 5, 7
    // newest review vs user rating: 1: 4 vs 5, 2: 4 vs 1, 7: 2 vs 2 (its feedback time is irrelevant)
    QCOMPARE(s->compared, 3);
    QCOMPARE(s->agreeing, 2);
    COMPARE_NEAR(s->meanAbsoluteDifference, 4.0 / 3);

    const auto bob = MetricsCollector(m_store).reviewSummary(window(u"bob"_s));
    QVERIFY(bob.ok());
    QCOMPARE(bob->reviewed, 0);
    QVERIFY(bob->labels.isEmpty());
}

void TestMetricsCollector::reviewSummaryEmptyWithoutReviewsTable()
{
    Test::TestDatabase db;
    const StorePtr migrated = db.open();
    InteractionRecord r = recordOf(rows().first());
    QVERIFY(InteractionRecorder(migrated).record(r).ok());
    db.execScript(u"DROP TABLE ragscope_reviews"_s);
    const StorePtr store = db.open(false);
    QVERIFY(!store->hasReviews());
    const MetricsCollector metrics(store);
    const auto s = metrics.reviewSummary(window());
    QVERIFY2(s.ok(), qPrintable(s ? QString() : s.error().message));
    QCOMPARE(s->reviewed, 0);
    QVERIFY(s->labels.isEmpty());
    const auto system = metrics.systemStats();
    QVERIFY(system.ok());
    QCOMPARE(system->interactions, 1);
    QCOMPARE(system->reviews, 0);
}

void TestMetricsCollector::reportBundlesMetricsWithProjection()
{
    const MetricsCollector metrics(m_store);
    const auto r = metrics.report(window());
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->filter, window());
    QCOMPARE(r->kpis.requests, 12);
    QCOMPARE(r->kpis.totalCost, usd(u"0.87000033"_s));
    COMPARE_NEAR(r->latency.total.p95(), 955.0);
    QCOMPARE(r->confidence.unknown, 2);
    QCOMPARE(r->ratings.total(), 6);
    QCOMPARE(r->dailyCost.size(), 9);
    // 0.87000033 over 3 days = 0.29000011 a day; × 30 and × 365
    QCOMPARE(r->projection.dailyAverage, usd(u"0.29000011"_s));
    QCOMPARE(r->projection.monthly, usd(u"8.70000330"_s));
    QCOMPARE(r->projection.annual, usd(u"105.85004015"_s));
}

QTEST_GUILESS_MAIN(TestMetricsCollector)
#include "tst_metricscollector.moc"
