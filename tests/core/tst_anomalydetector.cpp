// AnomalyDetector on synthetic hourly series: a weekly rhythm with noise flags nothing; planted
// spikes and drops are all found, each with an expected range around the seasonal median.
#include "alerts/anomalydetector.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace RagScope;

namespace {

constexpr int Week = 168;

/// Office-hour rhythm: busy weekdays 8–18 h, quiet nights and weekends, ±10% noise.
std::vector<double> seasonal(int weeks, double scale, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<double> s;
    for (int h = 0; h < weeks * Week; ++h) {
        const int hourOfDay = h % 24;
        const bool weekend = (h / 24) % 7 >= 5;
        double base = weekend ? 5 : (hourOfDay >= 8 && hourOfDay < 18 ? 60 + 4 * (hourOfDay - 8) : 8);
        base *= scale;
        s.push_back(base * (0.9 + 0.2 * rng.generateDouble()));
    }
    return s;
}

} // namespace

class TestAnomalyDetector : public QObject
{
    Q_OBJECT

private slots:
    void cleanSeasonalSeriesFlagsNothing_data()
    {
        QTest::addColumn<double>("scale");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("requests") << 1.0 << 1u;
        QTest::newRow("requests, other noise") << 1.0 << 99u;
        QTest::newRow("cost in 1e-8 USD") << 25'000.0 << 7u;
    }

    void cleanSeasonalSeriesFlagsNothing()
    {
        QFETCH(double, scale);
        QFETCH(quint32, seed);
        const std::vector<double> s = seasonal(6, scale, seed);
        AnomalyDetector::Options o;
        o.absoluteFloor = 2 * scale;
        const QList<SeriesAnomaly> found = AnomalyDetector::detect(s, o);
        QVERIFY2(found.isEmpty(),
            qPrintable(
                QStringLiteral("%1 flagged, first at %2").arg(found.size()).arg(found.value(0).index)));
    }

    void findsEveryPlantedSpikeAndDrop()
    {
        std::vector<double> s = seasonal(6, 1.0, 3);
        // Spikes (×3, ×10, a burst at night) and drops (an outage in office hours, a halving).
        const QList<qsizetype> spikes { 4 * Week + 10, 5 * Week + 2 * 24 + 14, 5 * Week + 3 * 24 + 2 };
        const QList<qsizetype> drops { 4 * Week + 24 + 11, 5 * Week + 4 * 24 + 15 };
        s[size_t(spikes[0])] *= 3;
        s[size_t(spikes[1])] *= 10;
        s[size_t(spikes[2])] = 60; // 8 expected at 2 am
        s[size_t(drops[0])] = 0;
        s[size_t(drops[1])] *= 0.3;
        AnomalyDetector::Options o;
        o.absoluteFloor = 2;
        const QList<SeriesAnomaly> found = AnomalyDetector::detect(s, o);
        QList<qsizetype> flagged;
        for (const SeriesAnomaly& a : found) {
            flagged << a.index;
            QVERIFY(a.low <= a.expected && a.expected <= a.high);
            QVERIFY(a.value < a.low || a.value > a.high);
        }
        QList<qsizetype> planted = spikes + drops;
        std::sort(planted.begin(), planted.end());
        QCOMPARE(flagged, planted);
    }

    void needsTwoPreviousWeeks()
    {
        std::vector<double> s = seasonal(2, 1.0, 5);
        s[size_t(Week + 10)] *= 10; // only one week of history before it
        AnomalyDetector::Options o;
        QVERIFY(AnomalyDetector::detect(s, o).isEmpty());
    }

    void expectedRangeIsMedianPlusMinusKDeviations()
    {
        // History 10, 12, 14 at the same hour of the week: median 12, MAD 2 → deviation 2.9652.
        std::vector<double> s(4 * Week, 12.0);
        s[10] = 10;
        s[Week + 10] = 14;
        s[2 * Week + 10] = 12;
        s[3 * Week + 10] = 100;
        AnomalyDetector::Options o;
        o.relativeFloor = 0;
        o.absoluteFloor = 0;
        o.k = 4;
        const QList<SeriesAnomaly> found = AnomalyDetector::detect(s, 3 * Week, o);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].index, 3 * Week + 10);
        QCOMPARE(found[0].expected, 12.0);
        QVERIFY(std::abs(found[0].high - (12 + 4 * 1.4826 * 2)) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "tst_anomalydetector.moc"
