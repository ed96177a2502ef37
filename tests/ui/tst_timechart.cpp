#include "charts/seriesthinning.h"
#include "charts/timechart.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QStackedWidget>
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

    void crosshairFollowsTheMouseWithEverySeriesAndClosesWithThePage()
    {
        QStackedWidget pages;
        auto* chart = new TimeChart(
            TimeChart::Mode::Lines, QStringLiteral("ms"), ChartStyle::ValueKind::Milliseconds);
        pages.addWidget(chart);
        pages.addWidget(new QWidget);
        pages.resize(700, 400);
        pages.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pages));
        chart->setSeries(
            { { QStringLiteral("p50"), { { day(1), 10 }, { day(2), 20 }, { day(3), 15 } } },
                { QStringLiteral("p95"), { { day(1), 40 }, { day(2), 1250 }, { day(3), 45 } } } },
            TimeBucket::Day);
        QVERIFY(!chart->crosshair().isVisible());
        QCoreApplication::processEvents(); // the chart lays out its axes: the plot area settles

        // the mouse a little right of day 2's point: the crosshair snaps to day 2
        QAbstractSeries* first = chart->chart()->series().first();
        const QPointF atDay2 = chart->chart()->mapToPosition({ day(2) + 3'600'000.0, 30 }, first);
        const QPoint viewportPos = chart->mapFromScene(chart->chart()->mapToScene(atDay2));
        QTest::mouseMove(chart->viewport(), viewportPos);
        QTRY_VERIFY(chart->crosshair().isVisible());
        const QString readout = chart->crosshair().readout();
        QVERIFY2(readout.startsWith(QLatin1String("2026-11-02")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("p50: 20 ms")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("p95: %1 ms").arg(QLocale().toString(1250))),
            qPrintable(readout));
        QVERIFY(!readout.contains(QLatin1String("partial")));

        pages.setCurrentIndex(1); // another page: nothing of the chart stays on screen
        QVERIFY(!chart->crosshair().isVisible());
    }

    void lastBucketCutByTheWindowIsPartial()
    {
        TimeChart chart(TimeChart::Mode::StackedAreas, QStringLiteral("USD"), ChartStyle::ValueKind::Money);
        chart.resize(600, 300);
        const QList<TimeChart::Series> series { { QStringLiteral("a"),
            { { day(1), 1 }, { day(2), 2 }, { day(3), 0.5 } } } };
        const QDateTime midDay3(QDate(2026, 11, 3), QTime(13, 5), QTimeZone::utc());
        const QDateTime day1(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
        chart.setSeries(series, TimeBucket::Day, { day1, midDay3 });
        QVERIFY(chart.lastBucketPartial());
        QVERIFY(!chart.firstBucketPartial());
        chart.showCrosshairAt(day(3));
        QVERIFY2(chart.crosshair().readout().contains(QLatin1String("partial day")),
            qPrintable(chart.crosshair().readout()));
        chart.showCrosshairAt(day(2));
        QVERIFY(!chart.crosshair().readout().contains(QLatin1String("partial")));

        // a window ending at the bucket's end: whole
        chart.setSeries(
            series, TimeBucket::Day, { day1, QDateTime(QDate(2026, 11, 4), QTime(0, 0), QTimeZone::utc()) });
        QVERIFY(!chart.lastBucketPartial());
        // a window starting after the first bucket's start: that one is partial too
        chart.setSeries(series, TimeBucket::Day, { day1.addSecs(3600), midDay3 });
        QVERIFY(chart.firstBucketPartial() && chart.lastBucketPartial());
        chart.showCrosshairAt(day(1));
        QVERIFY(chart.crosshair().readout().contains(QLatin1String("partial day")));
        chart.setSeries(series, TimeBucket::Day);
        QVERIFY(!chart.lastBucketPartial());
    }

    void hourlyPointsLabelledByDayArePartialHours()
    {
        TimeChart chart(TimeChart::Mode::Lines, QStringLiteral("requests"), ChartStyle::ValueKind::Count);
        chart.resize(600, 300);
        const qreal hour = 3'600'000.0;
        const QDateTime start(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
        chart.setSeries({ { QStringLiteral("Requests"),
                            { { day(1), 5 }, { day(1) + hour, 7 }, { day(1) + 2 * hour, 2 } } } },
            TimeBucket::Day, { start, start.addSecs(2 * 3600 + 600) });
        QVERIFY(chart.lastBucketPartial());
        QVERIFY(!chart.firstBucketPartial());
        chart.showCrosshairAt(day(1) + 2 * hour);
        const QString readout = chart.crosshair().readout();
        QVERIFY2(readout.startsWith(QLatin1String("2026-11-01 02:00 UTC")), qPrintable(readout));
        QVERIFY2(
            readout.contains(QLatin1String("Requests: 2")) && readout.contains(QLatin1String("partial hour")),
            qPrintable(readout));
    }
};

QTEST_MAIN(TestTimeChart)
#include "tst_timechart.moc"
