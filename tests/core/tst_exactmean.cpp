#include "metrics/exactmean.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace RagScope;

namespace {

// The parts the SQL of ExactMean::parts() gives for x: integer part, then 26 bits of fraction each.
std::array<qint64, ExactMean::Parts> partsOf(double x)
{
    std::array<qint64, ExactMean::Parts> p {};
    double rest = x;
    for (size_t k = 0; k < p.size(); ++k) {
        if (k > 0)
            rest = (rest - std::trunc(rest)) * 67108864.0;
        p[k] = qint64(std::trunc(rest));
    }
    return p;
}

double meanOf(const QList<double>& values)
{
    std::array<qint64, ExactMean::Parts> sums {};
    for (double x : values) {
        const auto p = partsOf(x);
        for (size_t k = 0; k < sums.size(); ++k)
            sums[k] += p[k];
    }
    return ExactMean::fromSums(sums, values.size());
}

} // namespace

/// The mean of exact part sums, rounded once to the nearest double.
class TestExactMean : public QObject
{
    Q_OBJECT

private slots:
    void roundsTheExactMeanOnce_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("mean");
        // Any order of double additions gives 0.20000000000000004 or 0.19999999999999998; the
        // exact sum of the three doubles ÷ 3 is nearest to the double 0.2.
        QTest::newRow("0.1, 0.2, 0.3") << QList<double> { 0.1, 0.2, 0.3 } << 0.2;
        QTest::newRow("thirds") << QList<double> { 1, 0, 0 } << 1.0 / 3;
        QTest::newRow("one value is itself") << QList<double> { 1234.5678901234567 } << 1234.5678901234567;
        QTest::newRow("smallest exact value")
            << QList<double> { std::ldexp(1.0, -26) } << std::ldexp(1.0, -26);
        QTest::newRow("all bits of a fraction")
            << QList<double> { std::nextafter(1.0, 0.0) } << std::nextafter(1.0, 0.0);
        QTest::newRow("zeros") << QList<double> { 0, 0 } << 0.0;
        QTest::newRow("negative") << QList<double> { -0.1, -0.2, -0.3 } << -0.2;
        QTest::newRow("cancelling") << QList<double> { -2.5, 2.5, 0.75 } << 0.25;
        // (1e15 + 0.2000000000000000111) / 3, nearest double (double arithmetic gives …333.44)
        QTest::newRow("large and small") << QList<double> { 1e15, 0.1, 0.1 } << 333333333333333.4;
        // (2^53 + 1) / 2 and (2^53 + 3) / 2 lie halfway between two doubles: ties go to even
        QTest::newRow("tie to even, down") << QList<double> { 9007199254740992.0, 1.0 } << 4503599627370496.0;
        QTest::newRow("tie to even, up") << QList<double> { 9007199254740992.0, 3.0 } << 4503599627370498.0;
    }

    void roundsTheExactMeanOnce()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, mean);
        QCOMPARE(meanOf(values), mean);
    }

    void equalsCorrectlyRoundedDivisionOfExactSums()
    {
        // Values on a 2^-20 grid below 2^25: their double sum is exact, so IEEE division of it
        // by the count is the correctly rounded mean to compare with.
        QRandomGenerator rng(20261130);
        for (int round = 0; round < 2000; ++round) {
            QList<double> values;
            double exactSum = 0;
            const int n = 1 + int(rng.bounded(50));
            for (int i = 0; i < n; ++i) {
                const double x
                    = std::ldexp(double(rng.bounded(qint64(1) << 46)) - double(qint64(1) << 45), -20);
                values << x;
                exactSum += x;
            }
            QCOMPARE(meanOf(values), exactSum / n);
        }
    }

    void orderDoesNotMatter()
    {
        QList<double> values;
        QRandomGenerator rng(7);
        for (int i = 0; i < 1000; ++i)
            values << rng.generateDouble() * 3000.0;
        const double mean = meanOf(values);
        std::reverse(values.begin(), values.end());
        QCOMPARE(meanOf(values), mean);
    }
};

QTEST_GUILESS_MAIN(TestExactMean)
#include "tst_exactmean.moc"
