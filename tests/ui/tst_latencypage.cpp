#include "charts/timechart.h"
#include "guitest.h"
#include "models/latencypercentilesmodel.h"
#include "pages/latencypage.h"
#include "recorder/interactionrecorder.h"
#include "rollup/rolluprefresher.h"
#include "testdatabase.h"
#include "widgets/panel.h"

#include <QAction>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace RagScope;

namespace {

QDateTime utc(int hour, int minute)
{
    return QDateTime(QDate(2026, 11, 2), QTime(hour, minute), QTimeZone::utc());
}

const QString Pro = QStringLiteral("gemini-1.5-pro-002");
const QString Flash = QStringLiteral("gemini-1.5-flash-001");

InteractionRecord record(
    const QString& model, const QDateTime& at, double total, double retrieval, double generation)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("q");
    r.answer = QStringLiteral("a");
    r.model = model;
    r.totalLatencyMs = total;
    r.retrievalLatencyMs = retrieval;
    r.generationLatencyMs = generation;
    r.createdAt = at;
    return r;
}

// One day (hour buckets). 10:00 pro 100…500; 12:00 flash 1000; 13:00 flash 50, 150.
Filter window(std::optional<QString> model = {})
{
    return { utc(0, 0), utc(0, 0).addDays(1), {}, model };
}

QList<QPointF> pointsOf(const TimeChart* chart, const QString& name)
{
    for (const TimeChart::Series& s : chart->series()) {
        if (s.name == name)
            return s.points;
    }
    return {};
}

QList<qreal> ys(const QList<QPointF>& points)
{
    QList<qreal> out;
    for (const QPointF& p : points)
        out << p.y();
    return out;
}

} // namespace

/// LatencyPage against a real store: percentiles per hour, retrieval vs generation, window table.
class TestLatencyPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        const auto ids = InteractionRecorder(m_store).recordBatch({
            record(Pro, utc(10, 1), 100, 10, 80),
            record(Pro, utc(10, 12), 200, 20, 160),
            record(Pro, utc(10, 23), 300, 30, 240),
            record(Pro, utc(10, 34), 400, 40, 320),
            record(Pro, utc(10, 45), 500, 50, 400),
            record(Flash, utc(12, 0), 1000, 100, 900),
            record(Flash, utc(13, 5), 50, 5, 40),
            record(Flash, utc(13, 50), 150, 15, 120),
        });
        QVERIFY(ids.ok());
    }

    void init()
    {
        m_page = std::make_unique<LatencyPage>();
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, window() });
        QVERIFY(loaded.wait(20000));
    }

    void cleanup() { m_page.reset(); }

    void plotsPercentilesPerHourBucket_data()
    {
        QTest::addColumn<QString>("series");
        QTest::addColumn<QList<qreal>>("values");
        QTest::newRow("p50") << QStringLiteral("p50") << QList<qreal> { 300, 1000, 100 };
        QTest::newRow("p75") << QStringLiteral("p75") << QList<qreal> { 400, 1000, 125 };
        QTest::newRow("p90") << QStringLiteral("p90") << QList<qreal> { 460, 1000, 140 };
        QTest::newRow("p99") << QStringLiteral("p99") << QList<qreal> { 496, 1000, 149 };
    }

    void plotsPercentilesPerHourBucket()
    {
        QFETCH(QString, series);
        QFETCH(QList<qreal>, values);
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("percentileChart"));
        QCOMPARE(chart->series().size(), 5);
        const QList<QPointF> points = pointsOf(chart, series);
        QCOMPARE(points.size(), values.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            QVERIFY2(qAbs(points[i].y() - values[i]) < 1e-6, qPrintable(QString::number(points[i].y())));
        QCOMPARE(points.first().x(), ChartStyle::axisPosition(utc(10, 0)));
        QCOMPARE(points.last().x(), ChartStyle::axisPosition(utc(13, 0)));
        // The chart's own line holds the same points (no thinning at this size).
        auto* line = qobject_cast<QLineSeries*>(chart->chart()->series().at(0));
        QCOMPARE(line->count(), 3);
    }

    void plotsRetrievalAndGenerationAverages()
    {
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("breakdownChart"));
        QCOMPARE(ys(pointsOf(chart, LatencyPage::tr("Retrieval"))), (QList<qreal> { 30, 100, 10 }));
        QCOMPARE(ys(pointsOf(chart, LatencyPage::tr("Generation"))), (QList<qreal> { 240, 900, 80 }));
    }

    void tabulatesTheWindowPercentiles()
    {
        const QAbstractItemModel* model = m_page->findChild<Panel*>(QStringLiteral("percentilesTable"))
                                              ->findChild<QTableView*>()
                                              ->model();
        QCOMPARE(model->rowCount(), 3);
        // Totals 50,100,150,200,300,400,500,1000: p50 = 250 (between the 4th and 5th).
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("250.0"));
        // Retrieval 5,10,15,20,30,40,50,100: p50 = 25.
        QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("25.0"));
    }

    void modelFilterNarrowsTheSeries()
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, window(Flash) });
        QVERIFY(loaded.wait(20000));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("percentileChart"));
        QCOMPARE(ys(pointsOf(chart, QStringLiteral("p50"))), (QList<qreal> { 1000, 100 }));
    }

    void emptyWindowSaysSo()
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, { utc(0, 0).addDays(10), utc(0, 0).addDays(11), {}, {} } });
        QVERIFY(loaded.wait(20000));
        int empty = 0;
        for (Panel* panel : m_page->findChildren<Panel*>())
            empty += panel->message() == LatencyPage::tr("No interactions in this window");
        QCOMPARE(empty, 3);
    }

    void failedLoadKeepsDataAndReportsError()
    {
        Test::TestDatabase db;
        const StorePtr store = db.open();
        QVERIFY(InteractionRecorder(store).record(record(Pro, utc(9, 0), 700, 70, 600)).ok());
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        QSignalSpy errors(m_page.get(), &DashboardPage::storeError);
        m_page->setContext({ store, m_page->context().filter });
        QVERIFY(loaded.wait(20000));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("percentileChart"));
        QCOMPARE(ys(pointsOf(chart, QStringLiteral("p50"))), (QList<qreal> { 700 }));

        db.execScript(QStringLiteral("ALTER TABLE chat_interactions RENAME TO chat_interactions_gone"));
        m_page->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(ys(pointsOf(chart, QStringLiteral("p50"))), (QList<qreal> { 700 }));
        QCOMPARE(m_page->findChild<Panel*>(QStringLiteral("percentilesTable"))
                     ->findChild<QTableView*>()
                     ->model()
                     ->index(0, 1)
                     .data()
                     .toString(),
            QStringLiteral("700.0"));
    }

    void answersFromRollupsAndSwapsInExactPercentiles()
    {
        Test::TestDatabase db;
        const StorePtr store = db.open();
        QList<InteractionRecord> rows;
        for (int i = 0; i < 8; ++i) // 100, 200, …, 800 ms in the 10:00 hour
            rows << record(Pro, utc(10, 5 * i), 100.0 * (i + 1), 10, 80);
        QVERIFY(InteractionRecorder(store).recordBatch(rows).ok());
        const auto refreshed = RollupRefresher(store).refresh(utc(0, 0).addDays(2));
        QVERIFY(refreshed.ok() && refreshed->refreshed);
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ store, window() });
        QVERIFY(loaded.wait(20000));
        auto* panel = m_page->findChild<Panel*>(QStringLiteral("percentilesTable"));
        auto* exact = m_page->findChild<QAction*>(QStringLiteral("exactPercentiles"));
        const QAbstractItemModel* model = panel->findChild<QTableView*>()->model();
        QCOMPARE(panel->title(), LatencyPage::tr("Percentiles in this window (from rollups, within 1%)"));
        QVERIFY(exact->isEnabled());
        const double approx = model->index(0, 1).data(LatencyPercentilesModel::MillisecondsRole).toDouble();
        QVERIFY2(qAbs(approx - 450) <= 4.5, qPrintable(QString::number(approx))); // p50 of 100…800
        exact->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->title(), LatencyPage::tr("Percentiles in this window (exact)"), 20000);
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("450.0"));
        QVERIFY(!exact->isEnabled());
    }

    void rendersToPng()
    {
        QTemporaryDir scratch;
        const QImage image = Test::renderSettled(m_page.get());
        QCOMPARE(image.size(), QSize(1400, 900));
        QVERIFY(image.save(Test::screenshotPath(scratch, QStringLiteral("latencypage"))));
    }

private:
    Test::TestDatabase m_db;
    StorePtr m_store;
    std::unique_ptr<LatencyPage> m_page;
};

QTEST_MAIN(TestLatencyPage)
#include "tst_latencypage.moc"
