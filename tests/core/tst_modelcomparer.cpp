#include "comparison/modelcomparer.h"
#include "comparison/modelscsv.h"
#include "modelfixture.h"
#include "testdatabase.h"

#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::ComparisonStats;
using namespace Qt::StringLiterals;

// percentile_cont and ExactMean give these doubles exactly up to the last bit or two.
#define COMPARE_DOUBLE(actual, expected)                                                                     \
    do {                                                                                                     \
        const std::optional<double> a_ = (actual);                                                           \
        const double e_ = (expected);                                                                        \
        QVERIFY2(a_.has_value(), "expected a value, got none");                                              \
        QVERIFY2(std::abs(*a_ - e_) <= 1e-12 * std::max(1.0, std::abs(e_)),                                  \
            qPrintable(u"%1 != %2"_s.arg(*a_, 0, 'g', 17).arg(e_, 0, 'g', 17)));                             \
    } while (false)

namespace {

Money usd(const char* text)
{
    return Money::parse(QString::fromLatin1(text)).value();
}

} // namespace

/// ModelComparer's SQL on the hand-worked fixture of tests/support/modelfixture.h, in the
/// dialect under test (SQLite, or the throwaway PostgreSQL).
class TestModelComparer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        Test::recordModelComparison(m_store);
    }

    void sortsModelsByNameWithNoModelLast()
    {
        const auto c = ModelComparer(m_store).compare(Test::modelComparisonWindow());
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        QCOMPARE(c->models.size(), 3);
        QCOMPARE(c->models[0].model, u"alpha"_s);
        QCOMPARE(c->models[1].model, u"beta"_s);
        QVERIFY(!c->models[2].model);
        QCOMPARE(c->totalRequests(), 7);
        QVERIFY(!c->fromRollups);
    }

    void alphaFiguresAreExact()
    {
        const auto c = ModelComparer(m_store).compare(Test::modelComparisonWindow());
        QVERIFY(c.ok());
        const ModelFigures a = c->models[0];
        QCOMPARE(a.requests, 4);
        COMPARE_DOUBLE(c->share(a), 4.0 / 7.0);
        QCOMPARE(a.promptTokens, 6000);
        QCOMPARE(a.completionTokens, 600);
        QCOMPARE(a.cost, usd("0.30000003"));
        QCOMPARE(a.unpricedRequests, 1);
        QCOMPARE(a.costPerRequest()->toString(), u"0.07500001"_s); // 0.0750000075, half-to-even
        QCOMPARE(a.costPer1kTokens()->toString(), u"0.04545455"_s); // 0.30000003 × 1000 ÷ 6600
        COMPARE_DOUBLE(a.avgConfidence, 0.7);
        QCOMPARE(a.withFeedback, 3);
        COMPARE_DOUBLE(a.feedbackRate(), 0.75);
        // Rated by interaction time: the 5 came after the window, the 1s of answers outside it do not count.
        QCOMPARE(a.ratings, (RatingCounts { 1, 0, 0, 1, 1 }));
        COMPARE_DOUBLE(a.meanRating(), 10.0 / 3.0);
        // s² = ((5 − 10/3)² + (1 − 10/3)² + (4 − 10/3)²) ÷ 2 = 13/3; t(0.975, 2) = 4.302652729749…
        const double half = 4.302652729749464 * std::sqrt(13.0 / 3.0 / 3.0);
        COMPARE_DOUBLE(a.meanRatingCi95()->lo, 10.0 / 3.0 - half);
        COMPARE_DOUBLE(a.meanRatingCi95()->hi, 10.0 / 3.0 + half);
        COMPARE_DOUBLE(a.lowRatedRate(), 1.0 / 3.0);
        // percentile_cont: total 100…400 → p50 250, p95 at 2.85 → 385; retrieval 10, 20, 40 → 20, 38;
        // generation 80, 150, 250 → 150, 240.
        COMPARE_DOUBLE(a.latency.total.p50(), 250);
        COMPARE_DOUBLE(a.latency.total.p95(), 385);
        COMPARE_DOUBLE(a.latency.retrieval.p50(), 20);
        COMPARE_DOUBLE(a.latency.retrieval.p95(), 38);
        COMPARE_DOUBLE(a.latency.generation.p50(), 150);
        COMPARE_DOUBLE(a.latency.generation.p95(), 240);
        QCOMPARE(a.reviews.reviewed, 2);
        COMPARE_DOUBLE(a.reviews.meanRating, 2.5); // newest reviews: 4 and 1
        QCOMPARE(a.reviews.lowRated, 1);
        QCOMPARE(a.reviews.labels, (QList<QPair<QString, qint64>> { { u"good"_s, 1 }, { u"wrong"_s, 1 } }));
    }

    void betaAndNoModelFigures()
    {
        const auto c = ModelComparer(m_store).compare(Test::modelComparisonWindow());
        QVERIFY(c.ok());
        const ModelFigures b = c->models[1];
        QCOMPARE(b.requests, 2);
        QCOMPARE(b.cost, usd("0.10000001"));
        QCOMPARE(b.unpricedRequests, 0);
        QCOMPARE(b.costPerRequest()->toString(), u"0.05000000"_s); // 0.050000005 → even
        COMPARE_DOUBLE(b.avgConfidence, 0.5);
        QCOMPARE(b.ratings, (RatingCounts { 0, 1, 1, 0, 0 }));
        COMPARE_DOUBLE(b.latency.total.p95(), 1000);
        COMPARE_DOUBLE(b.latency.generation.p50(), 800);
        QCOMPARE(b.reviews.reviewed, 1);
        QCOMPARE(b.reviews.labels, (QList<QPair<QString, qint64>> { { u"good"_s, 1 } }));

        const ModelFigures none = c->models[2];
        QCOMPARE(none.requests, 1);
        QCOMPARE(none.cost, Money());
        QVERIFY(!none.costPer1kTokens());
        QCOMPARE(none.ratingCount(), 0);
        QVERIFY(!none.meanRating() && !none.meanRatingCi95() && !none.lowRatedWilson95());
        COMPARE_DOUBLE(none.latency.total.p50(), 50);
        QVERIFY(!none.latency.retrieval.p50());
        QCOMPARE(none.reviews.reviewed, 0);
    }

    void csvHasRawValues()
    {
        const auto c = ModelComparer(m_store).compare(Test::modelComparisonWindow());
        QVERIFY(c.ok());
        const CsvTable t = ModelsCsv::table(*c);
        QCOMPARE(t.rows.size(), 3);
        QCOMPARE(t.rows[0].size(), t.columns.size());
        const auto at
            = [&t](int row, const QString& column) { return t.rows[row][t.columns.indexOf(column)].value(); };
        QCOMPARE(at(0, u"model"_s), u"alpha"_s);
        QCOMPARE(at(0, u"cost_usd"_s), u"0.30000003"_s);
        QCOMPARE(at(0, u"cost_per_request_usd"_s), u"0.07500001"_s);
        QCOMPARE(at(0, u"total_p95_ms"_s), u"385"_s);
        QCOMPARE(at(0, u"ratings"_s), u"3"_s);
        QCOMPARE(at(2, u"model"_s), QString()); // no model: empty
        QCOMPARE(at(2, u"mean_rating_ci95_lo"_s), QString());
    }

    void userNarrowsEveryModel()
    {
        Filter f = Test::modelComparisonWindow();
        f.user = u"u1"_s;
        f.model = u"beta"_s; // ignored: every model is compared
        const auto c = ModelComparer(m_store).compare(f);
        QVERIFY(c.ok());
        QCOMPARE(c->models.size(), 3);
        QCOMPARE(c->models[0].requests, 3);
        QCOMPARE(c->models[0].ratings, (RatingCounts { 0, 0, 0, 1, 1 }));
        QCOMPARE(c->models[0].cost, usd("0.10000001"));
        QCOMPARE(c->models[1].requests, 1);
        QCOMPARE(c->models[1].cost, usd("0.05000001"));
        QVERIFY(!c->filter.model);
    }

    void emptyWindowHasNoModels()
    {
        Filter f = Test::modelComparisonWindow();
        f.from = f.from.addYears(-1);
        f.to = f.to.addYears(-1);
        const auto c = ModelComparer(m_store).compare(f);
        QVERIFY(c.ok());
        QVERIFY(c->models.isEmpty());
        QVERIFY(!c->share(ModelFigures {}));
    }

    void abGroupsByUtcWeekFromMonday()
    {
        const auto ab = ModelComparer(m_store).compare(Test::modelComparisonWindow(), u"alpha"_s, u"beta"_s);
        QVERIFY2(ab.ok(), qPrintable(ab.ok() ? QString() : ab.error().message));
        QCOMPARE(ab->figuresA.requests, 4);
        QCOMPARE(ab->figuresB.requests, 2);
        QVERIFY(!ab->window.enoughData); // 3 and 2 ratings, fewer than MinSamplePerModel
        QVERIFY(!ab->window.ratings && !ab->window.meanRating && !ab->window.lowRatedRate);
        QCOMPARE(ab->weeks.size(), 2);
        // Beta's Sunday 2026-03-08 belongs to the week of Monday 03-02, alpha's Sunday 03-15 to 03-09.
        QCOMPARE(ab->weeks[0].monday, QDate(2026, 3, 2));
        QCOMPARE(ab->weeks[0].requestsA, 2);
        QCOMPARE(ab->weeks[0].requestsB, 1);
        QCOMPARE(ab->weeks[0].tests.a, (RatingCounts { 1, 0, 0, 0, 1 }));
        QCOMPARE(ab->weeks[0].tests.b, (RatingCounts { 0, 1, 0, 0, 0 }));
        QCOMPARE(ab->weeks[1].monday, QDate(2026, 3, 9));
        QCOMPARE(ab->weeks[1].requestsA, 2);
        QCOMPARE(ab->weeks[1].requestsB, 1);
        QCOMPARE(ab->weeks[1].tests.a, (RatingCounts { 0, 0, 0, 1, 0 }));
        QCOMPARE(ab->weeks[1].tests.b, (RatingCounts { 0, 0, 1, 0, 0 }));
    }

    void abOfAnAbsentModelIsEmpty()
    {
        const auto ab = ModelComparer(m_store).compare(Test::modelComparisonWindow(), u"alpha"_s, u"gamma"_s);
        QVERIFY(ab.ok());
        QCOMPARE(ab->figuresB.model, u"gamma"_s);
        QCOMPARE(ab->figuresB.requests, 0);
        QCOMPARE(ab->weeks.size(), 2);
        QCOMPARE(ab->weeks[0].requestsB, 0);
    }

    void abTestsRunFromTheMinimumSample()
    {
        const RatingCounts a { 2, 3, 5, 6, 4 }; // 20 ratings
        const RatingCounts b { 4, 4, 4, 4, 3 }; // 19
        QVERIFY(!AbTests::of(a, b).enoughData);
        const RatingCounts b20 { 4, 4, 4, 4, 4 };
        const AbTests t = AbTests::of(a, b20);
        QVERIFY(t.enoughData);
        QCOMPARE(t.ratings->pValue, mannWhitney(a, b20)->pValue);
        QCOMPARE(t.meanRating->ci95.lo, welch(a, b20)->ci95.lo);
        QCOMPARE(t.lowRatedRate->pValue, twoProportion(5, 20, 8, 20)->pValue);
    }

private:
    Test::TestDatabase m_db;
    StorePtr m_store;
};

QTEST_GUILESS_MAIN(TestModelComparer)
#include "tst_modelcomparer.moc"
