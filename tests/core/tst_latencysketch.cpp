// LatencySketch against exact percentile_cont (computed here with its formula) on long-tailed
// random data, plus merging, serialisation and the edge values.
#include "rollup/latencysketch.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace RagScope;

namespace {

/// PostgreSQL's percentile_cont: position q·(n − 1), linear between the two closest ranks.
double percentileCont(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const auto lower = size_t(std::floor(position));
    const auto upper = size_t(std::ceil(position));
    return values[lower] + (values[upper] - values[lower]) * (position - double(lower));
}

std::vector<double> generate(const QString& shape, int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<double> v;
    v.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const double u = rng.generateDouble();
        if (shape == QLatin1String("lognormal")) { // Box-Muller, median ~400 ms, heavy tail
            const double z = std::sqrt(-2 * std::log(1 - u)) * std::cos(2 * M_PI * rng.generateDouble());
            v.push_back(std::exp(6 + 1.2 * z));
        } else if (shape == QLatin1String("pareto")) {
            v.push_back(50 / std::pow(1 - u, 1 / 1.1));
        } else if (shape == QLatin1String("uniform")) {
            v.push_back(300 + 2500 * u);
        } else if (shape == QLatin1String("wide")) { // microseconds to hours
            v.push_back(std::pow(10, -3 + 10 * u));
        } else {
            v.push_back(1234.5);
        }
    }
    return v;
}

LatencySketch sketchOf(const std::vector<double>& values)
{
    LatencySketch s;
    for (double x : values)
        s.add(x);
    return s;
}

void compareToPercentileCont(const LatencySketch& sketch, const std::vector<double>& values)
{
    for (double q : { 0.0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 }) {
        const double exact = percentileCont(values, q);
        const auto approx = sketch.quantile(q);
        QVERIFY(approx);
        const double error = std::fabs(*approx - exact) / std::fabs(exact);
        if (error > LatencySketch::RelativeAccuracy + 1e-12)
            QFAIL(qPrintable(QStringLiteral("q=%1: sketch %2, percentile_cont %3, error %4")
                                 .arg(q)
                                 .arg(*approx)
                                 .arg(exact)
                                 .arg(error)));
    }
}

} // namespace

class TestLatencySketch : public QObject
{
    Q_OBJECT

private slots:
    void quantilesWithinOnePercentOfPercentileCont_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<int>("n");
        for (const char* shape : { "lognormal", "pareto", "uniform", "wide", "constant" })
            for (int n : { 1, 2, 3, 10, 1000, 100000 })
                QTest::addRow("%s-%d", shape, n) << QString::fromLatin1(shape) << n;
    }
    void quantilesWithinOnePercentOfPercentileCont()
    {
        QFETCH(QString, shape);
        QFETCH(int, n);
        const auto values = generate(shape, n, quint32(n) * 7919u);
        const LatencySketch sketch = sketchOf(values);
        QCOMPARE(sketch.count(), qint64(n));
        compareToPercentileCont(sketch, values);
    }

    void mergeEqualsSketchOfTheUnion()
    {
        auto a = generate(QStringLiteral("lognormal"), 20000, 1);
        const auto b = generate(QStringLiteral("wide"), 5000, 2);
        LatencySketch merged = sketchOf(a);
        merged.merge(sketchOf(b));
        LatencySketch reversed = sketchOf(b);
        reversed.merge(sketchOf(a));
        a.insert(a.end(), b.begin(), b.end());
        const LatencySketch whole = sketchOf(a);
        QVERIFY(merged == whole);
        QVERIFY(reversed == whole);
        compareToPercentileCont(merged, a);
    }

    void removingValuesLeavesTheSketchOfTheRest()
    {
        // The rollup's subtracted edge: an hour's sketch less the raw rows before the window.
        const auto values = generate(QStringLiteral("wide"), 5000, 4);
        const std::vector<double> kept(values.begin() + 1500, values.end());
        LatencySketch sketch = sketchOf(values);
        for (size_t i = 0; i < 1500; ++i)
            QVERIFY(sketch.remove(values[i]));
        QVERIFY(sketch == sketchOf(kept));
        compareToPercentileCont(sketch, kept);
        for (const double v : kept)
            QVERIFY(sketch.remove(v));
        QVERIFY(sketch.isEmpty());
        QVERIFY(sketch == LatencySketch());
        QVERIFY(!sketch.remove(120.0)); // nothing there to take back: unchanged
        QVERIFY(sketch.isEmpty());
        LatencySketch zero;
        zero.add(0.0);
        QVERIFY(zero.remove(0.0));
        QVERIFY(!zero.remove(0.0));
    }

    void mergingManySmallSketchesMatchesOneBigSketch()
    {
        // The rollup's case: one sketch per hour, merged over a window.
        const auto values = generate(QStringLiteral("pareto"), 50000, 3);
        LatencySketch merged;
        for (size_t start = 0; start < values.size(); start += 37) {
            const std::vector<double> hour(values.begin() + qsizetype(start),
                values.begin() + qsizetype(std::min(start + 37, values.size())));
            QVERIFY(merged.mergeBytes(sketchOf(hour).toBytes()));
        }
        QVERIFY(merged == sketchOf(values));
        compareToPercentileCont(merged, values);
    }

    void serialisationRoundTrips_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addRow("empty") << QList<double> {};
        QTest::addRow("zeros") << QList<double> { 0, 0, 0 };
        QTest::addRow("mixed signs") << QList<double> { -5, -5000, 0, 1e-9, 3, 3, 3, 1e12 };
        QTest::addRow("huge") << QList<double> { 1e300, 1e299, 1e-8 };
    }
    void serialisationRoundTrips()
    {
        QFETCH(QList<double>, values);
        LatencySketch s;
        for (double v : values)
            QVERIFY(s.add(v));
        const QByteArray bytes = s.toBytes();
        const auto back = LatencySketch::fromBytes(bytes);
        QVERIFY(back);
        QVERIFY(*back == s);
        QCOMPARE(back->toBytes(), bytes);
        QCOMPARE(back->count(), qint64(values.size()));
    }

    void serialisedSketchIsCompact()
    {
        // 100k latencies between 300 and 2800 ms fill ~112 buckets: a few hundred bytes.
        const QByteArray bytes = sketchOf(generate(QStringLiteral("uniform"), 100000, 4)).toBytes();
        QVERIFY2(bytes.size() < 600, qPrintable(QString::number(bytes.size())));
    }

    void emptySketchHasNoQuantile()
    {
        const LatencySketch s;
        QVERIFY(s.isEmpty());
        QVERIFY(!s.quantile(0.5));
        QVERIFY(!LatencySketch::fromBytes(s.toBytes())->quantile(0.99));
    }

    void zeroIsExact()
    {
        LatencySketch s;
        s.add(0, 10);
        s.add(100);
        QCOMPARE(*s.quantile(0.5), 0.0);
        QCOMPARE(*s.quantile(0.9), 0.0);
        QVERIFY(std::fabs(*s.quantile(1.0) - 100) <= 1.0);
    }

    void hugeValuesKeepTheirRelativeError()
    {
        for (double v : { 1e12, 1e100, 1e300, 1e-8 }) {
            LatencySketch s;
            QVERIFY(s.add(v));
            QVERIFY(std::fabs(*s.quantile(0.5) - v) <= v * LatencySketch::RelativeAccuracy);
        }
        LatencySketch s;
        QVERIFY(!s.add(std::numeric_limits<double>::quiet_NaN()));
        QVERIFY(!s.add(std::numeric_limits<double>::infinity()));
        QVERIFY(!s.add(1e301));
        QVERIFY(!s.add(5, 0));
        QVERIFY(s.isEmpty());
    }

    void rejectsBytesThatAreNotASketch_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = sketchOf({ 1, 2, 3, 400 }).toBytes();
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("other format") << (QByteArray(1, char(2)) + good.mid(1));
        QTest::addRow("truncated") << good.left(good.size() - 1);
        QTest::addRow("trailing byte") << (good + QByteArray(1, char(0)));
        QTest::addRow("zero count") << QByteArray::fromHex("010001020000"); // bucket with count 0
        QTest::addRow("unterminated varint") << QByteArray::fromHex("01ffffffff");
        QTest::addRow("key out of range") << QByteArray::fromHex("010001feffffff0f0100");
    }
    void rejectsBytesThatAreNotASketch()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!LatencySketch::fromBytes(bytes));
        LatencySketch s;
        s.add(7);
        QVERIFY(!s.mergeBytes(bytes));
        QCOMPARE(s.count(), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestLatencySketch)
#include "tst_latencysketch.moc"
