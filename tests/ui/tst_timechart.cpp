#include "charts/seriesthinning.h"
#include "charts/timechart.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>
#include <QtTest>

using namespace RagScope;

namespace {

qreal day(int d)
{
    return ChartStyle::axisPosition(QDateTime(QDate(2026, 11, d), QTime(0, 0), QTimeZone::utc()));
}

} // namespace

/// TimeChart, ChartStyle and SeriesThinning: stacking, in-place refills, axes, palette, thinning.
class TestTimeChart : public QObject
{
    Q_OBJECT
private slots:
    void stacksAreasInOrder()
    {
        TimeChart chart(TimeChart::Mode::StackedAreas, QStringLiteral("USD"), ChartStyle::ValueKind::Money);
        chart.setSeries({ { QStringLiteral("a"), { { day(1), 1 }, { day(2), 2 } } },
                            { QStringLiteral("b"), { { day(1), 3 }, { day(2), 0.5 } } } },
            TimeBucket::Day);
        auto* b = qobject_cast<QAreaSeries*>(chart.chart()->series().at(1));
        QCOMPARE(b->lowerSeries()->points(), (QList<QPointF> { { day(1), 1 }, { day(2), 2 } }));
        QCOMPARE(b->upperSeries()->points(), (QList<QPointF> { { day(1), 4 }, { day(2), 2.5 } }));
        QVERIFY(chart.valueAxis()->max() >= 4);
        QCOMPARE(chart.valueAxis()->labelFormat(), QStringLiteral("$%.2f"));
    }

    void sameSeriesAreRefilledInPlace()
    {
        TimeChart chart(TimeChart::Mode::Lines, QStringLiteral("ms"), ChartStyle::ValueKind::Milliseconds);
        chart.setSeries({ { QStringLiteral("p50"), { { day(1), 10 } } } }, TimeBucket::Day);
        QAbstractSeries* before = chart.chart()->series().first();
        chart.setSeries({ { QStringLiteral("p50"), { { day(1), 20 }, { day(3), 30 } } } }, TimeBucket::Day);
        QCOMPARE(chart.chart()->series().first(), before);
        QCOMPARE(qobject_cast<QLineSeries*>(before)->points(),
            (QList<QPointF> { { day(1), 20 }, { day(3), 30 } }));
        chart.setSeries({ { QStringLiteral("p95"), { { day(1), 20 } } } }, TimeBucket::Day);
        QCOMPARE(chart.chart()->series().size(), 1);
        QCOMPARE(chart.chart()->series().first()->name(), QStringLiteral("p95"));
    }

    void timeAxisReadsUtcDaysAndHours_data()
    {
        QTest::addColumn<int>("bucket");
        QTest::addColumn<QString>("format");
        QTest::newRow("day") << int(TimeBucket::Day) << QStringLiteral("MMM d");
        QTest::newRow("hour") << int(TimeBucket::Hour) << QStringLiteral("MMM d HH:mm");
    }

    void timeAxisReadsUtcDaysAndHours()
    {
        QFETCH(int, bucket);
        QFETCH(QString, format);
        TimeChart chart(TimeChart::Mode::Lines, QStringLiteral("ms"), ChartStyle::ValueKind::Milliseconds);
        chart.setSeries({ { QStringLiteral("p50"), { { day(2), 1 }, { day(4), 2 } } } }, TimeBucket(bucket));
        QCOMPARE(chart.timeAxis()->format(), format);
        QCOMPARE(chart.timeAxis()->min().toString(Qt::ISODate), QStringLiteral("2026-11-02T00:00:00"));
        QVERIFY(!chart.timeAxis()->titleText().isEmpty());
    }

    void darkPaletteGivesLightTextAndDarkBackground()
    {
        TimeChart chart(TimeChart::Mode::Lines, QStringLiteral("ms"), ChartStyle::ValueKind::Milliseconds);
        QPalette dark;
        dark.setColor(QPalette::Window, Qt::black);
        dark.setColor(QPalette::Base, QColor(0x10, 0x10, 0x10));
        dark.setColor(QPalette::WindowText, Qt::white);
        chart.setPalette(dark);
        QCOMPARE(chart.chart()->backgroundBrush().color(), QColor(0x10, 0x10, 0x10));
        QCOMPARE(chart.valueAxis()->labelsBrush().color(), QColor(Qt::white));
        QVERIFY(ChartStyle::seriesColor(0, dark) != ChartStyle::seriesColor(0, QPalette(Qt::white)));
    }

    void countAxisUsesWholeSteps_data()
    {
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("top");
        QTest::addColumn<int>("ticks");
        QTest::newRow("2") << 2.0 << 2.0 << 3;
        QTest::newRow("7") << 7.0 << 8.0 << 5;
        QTest::newRow("4500") << 4500.0 << 5000.0 << 6;
        QTest::newRow("empty") << 0.0 << 1.0 << 2;
    }

    void countAxisUsesWholeSteps()
    {
        QFETCH(double, max);
        QFETCH(double, top);
        QFETCH(int, ticks);
        QValueAxis axis;
        ChartStyle::fitValueAxis(&axis, max, ChartStyle::ValueKind::Count);
        QCOMPARE(axis.min(), 0.0);
        QCOMPARE(axis.max(), top);
        QCOMPARE(axis.tickCount(), ticks);
    }

    void thinningKeepsSpikesAndBounds()
    {
        QList<QPointF> points;
        for (int i = 0; i < 10'000; ++i)
            points.append(QPointF(i, i == 4321 ? 1000.0 : (i % 7 == 0 ? -5.0 : 1.0)));
        const QList<QPointF> thin = SeriesThinning::minMax(points, 200);
        QVERIFY(thin.size() <= 200);
        QVERIFY(std::any_of(thin.cbegin(), thin.cend(), [](const QPointF& p) { return p.y() == 1000.0; }));
        QVERIFY(std::any_of(thin.cbegin(), thin.cend(), [](const QPointF& p) { return p.y() == -5.0; }));
        QVERIFY(std::is_sorted(
            thin.cbegin(), thin.cend(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
        QCOMPARE(SeriesThinning::minMax(points.mid(0, 50), 200).size(), 50);
    }
};

QTEST_MAIN(TestTimeChart)
#include "tst_timechart.moc"
