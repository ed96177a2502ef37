#include "comparison/comparisonstats.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace RagScope;
using namespace RagScope::ComparisonStats;
using namespace Qt::StringLiterals;

// Within 1e-8 (relative above 1): the Python script integrates Student's t numerically.
#define COMPARE_CLOSE(actual, expected)                                                                      \
    do {                                                                                                     \
        const double a_ = (actual);                                                                          \
        const double e_ = (expected);                                                                        \
        QVERIFY2(std::abs(a_ - e_) <= 1e-8 * std::max(1.0, std::abs(e_)),                                    \
            qPrintable(u"%1 != %2"_s.arg(a_, 0, 'g', 17).arg(e_, 0, 'g', 17)));                              \
    } while (false)

namespace {

QJsonObject expected()
{
    // Written by tests/data/comparison_stats.py (plain Python, independent of this code).
    QFile file(qEnvironmentVariable("RAGSCOPE_SOURCE_DIR") + u"/tests/data/comparison_stats_expected.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read comparison_stats_expected.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

RatingCounts countsOf(const QJsonValue& value)
{
    RatingCounts c {};
    const QJsonArray a = value.toArray();
    for (int i = 0; i < 5; ++i)
        c[size_t(i)] = a.at(i).toInteger();
    return c;
}

void compareInterval(const std::optional<Interval>& actual, const QJsonValue& expectedValue)
{
    QVERIFY(actual.has_value());
    COMPARE_CLOSE(actual->lo, expectedValue.toArray().at(0).toDouble());
    COMPARE_CLOSE(actual->hi, expectedValue.toArray().at(1).toDouble());
}

} // namespace

/// Every interval and test of the model comparison against tests/data/comparison_stats_expected.json.
class TestComparisonStats : public QObject
{
    Q_OBJECT

private slots:
    void normalQuantileIsInverseOfCdf()
    {
        COMPARE_CLOSE(normalQuantile(0.975), expected().value(u"z975"_s).toDouble());
        for (double p : { 1e-10, 0.001, 0.02, 0.3, 0.5, 0.9, 0.999 })
            COMPARE_CLOSE(normalCdf(normalQuantile(p)), p);
    }
    void studentTQuantilesMatchIntegration_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("df");
        QTest::addColumn<double>("t");
        for (const QJsonValue& row : expected().value(u"t_quantiles"_s).toArray()) {
            const QJsonObject o = row.toObject();
            QTest::addRow("p=%g df=%g", o[u"p"_s].toDouble(), o[u"df"_s].toDouble())
                << o[u"p"_s].toDouble() << o[u"df"_s].toDouble() << o[u"t"_s].toDouble();
        }
    }
    void studentTQuantilesMatchIntegration()
    {
        QFETCH(double, p);
        QFETCH(double, df);
        QFETCH(double, t);
        COMPARE_CLOSE(studentTQuantile(p, df), t);
        COMPARE_CLOSE(studentTCdf(t, df), p);
        COMPARE_CLOSE(studentTQuantile(1 - p, df), -t);
    }
    void wilsonEdges()
    {
        for (const QJsonValue& row : expected().value(u"wilson"_s).toArray()) {
            const QJsonObject o = row.toObject();
            compareInterval(wilsonInterval(o[u"x"_s].toInteger(), o[u"n"_s].toInteger()), o[u"ci95"_s]);
        }
        QVERIFY(!wilsonInterval(0, 0));
    }

    void casesMatchIndependentValues_data()
    {
        QTest::addColumn<QJsonObject>("c");
        for (const QJsonValue& row : expected().value(u"cases"_s).toArray())
            QTest::newRow(qPrintable(row.toObject()[u"name"_s].toString())) << row.toObject();
    }
    void casesMatchIndependentValues()
    {
        QFETCH(QJsonObject, c);
        const RatingCounts a = countsOf(c[u"a"_s]);
        const RatingCounts b = countsOf(c[u"b"_s]);
        COMPARE_CLOSE(ratingMean(a)->mean, c[u"mean_a"_s].toDouble());
        compareInterval(meanInterval(a), c[u"mean_a_ci95"_s]);
        compareInterval(wilsonInterval(lowRated(a), total(a)), c[u"low_a_wilson95"_s]);

        const QJsonObject mw = c[u"mann_whitney"_s].toObject();
        const auto u = mannWhitney(a, b);
        QVERIFY(u.has_value());
        COMPARE_CLOSE(u->u, mw[u"u"_s].toDouble());
        COMPARE_CLOSE(u->z, mw[u"z"_s].toDouble());
        QCOMPARE(u->pValue.has_value(), !mw[u"p"_s].isNull());
        if (u->pValue)
            COMPARE_CLOSE(*u->pValue, mw[u"p"_s].toDouble());

        const QJsonObject low = c[u"low_rated"_s].toObject();
        const auto prop = twoProportion(lowRated(a), total(a), lowRated(b), total(b));
        QVERIFY(prop.has_value());
        COMPARE_CLOSE(prop->estimate, low[u"estimate"_s].toDouble());
        compareInterval(prop->ci95, low[u"ci95"_s]);
        QCOMPARE(prop->pValue.has_value(), !low[u"p"_s].isNull());
        if (prop->pValue) {
            COMPARE_CLOSE(prop->statistic, low[u"z"_s].toDouble());
            COMPARE_CLOSE(*prop->pValue, low[u"p"_s].toDouble());
        }

        const auto w = welch(a, b);
        QCOMPARE(w.has_value(), c.contains(u"welch"_s));
        if (w) {
            const QJsonObject e = c[u"welch"_s].toObject();
            COMPARE_CLOSE(w->estimate, e[u"estimate"_s].toDouble());
            compareInterval(w->ci95, e[u"ci95"_s]);
            COMPARE_CLOSE(w->statistic, e[u"t"_s].toDouble());
            COMPARE_CLOSE(*w->pValue, e[u"p"_s].toDouble());
        }
    }

    void undefinedWithoutData()
    {
        const RatingCounts none {};
        const RatingCounts one { 0, 0, 1, 0, 0 };
        QVERIFY(!ratingMean(none));
        QVERIFY(!meanInterval(one)); // one rating: no spread to estimate
        QVERIFY(!welch(one, RatingCounts { 1, 1, 1, 1, 1 }));
        QVERIFY(!mannWhitney(none, one));
        QVERIFY(!twoProportion(0, 0, 1, 2));
        const auto allTied = mannWhitney(RatingCounts { 0, 0, 4, 0, 0 }, RatingCounts { 0, 0, 3, 0, 0 });
        QVERIFY(allTied && !allTied->pValue);
    }
};

QTEST_GUILESS_MAIN(TestComparisonStats)
#include "tst_comparisonstats.moc"
