// Every chart drill-down added for #13, offscreen with real widgets and a real store: a click on
// the Overview's requests per hour, on a Latency bucket, on a model's band or a day of the Cost
// page, a double-click on a Models row, a click on a week of the A/B chart, on a bar of the
// Quality page's confidence-per-rating and reviewers' labels charts, and activating a cost
// anomaly each ask for the matching Review filter (window, model, rating, label, order), which
// the Review page then shows, and which lists what was clicked.
#include "charts/barchart.h"
#include "charts/timechart.h"
#include "comparison/abpanel.h"
#include "feedback/drilldownquery.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "guitest.h"
#include "pages/alertspage.h"
#include "pages/costpage.h"
#include "pages/latencypage.h"
#include "pages/modelspage.h"
#include "pages/overviewpage.h"
#include "pages/qualitypage.h"
#include "pages/reviewpage.h"
#include "recorder/interactionrecorder.h"
#include "review/queuefilterjson.h"
#include "testdatabase.h"
#include "widgets/panel.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace RagScope;
using Kind = ReviewQueueQuery::Kind;
using SortKey = ReviewQueueQuery::SortKey;

namespace {

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

const QString Alpha = QStringLiteral("alpha-model");
const QString Beta = QStringLiteral("beta-model");

// Window [Nov 2, Nov 4): two days, so the Overview and Latency charts plot hours. Monday Nov 2,
// 09:00–10:00: alpha twice (rated 2 and 5), beta once (rated 4); Nov 3: alpha and beta once each.
Filter window()
{
    return { utc(2, 0), utc(4, 0), {}, {} };
}

} // namespace

class TestChartDrillDowns : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Test::TestDatabase m_db;
    StorePtr m_store;

    QUuid record(const QString& model, const QDateTime& at, double latency, const char* cost, int rating)
    {
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        r.model = model;
        r.totalLatencyMs = latency;
        r.retrievalLatencyMs = latency / 2;
        r.generationLatencyMs = latency / 2;
        r.confidence = 0.5;
        r.promptTokens = 100;
        r.completionTokens = 10;
        r.cost = Money::parse(QLatin1String(cost)).value();
        r.createdAt = at;
        const QUuid id = Test::recordInteraction(m_store, r);
        if (rating > 0)
            Test::FixtureWriter(m_store).addFeedback(id, rating, at.addSecs(600));
        return id;
    }

    template <typename Page> std::unique_ptr<Page> loadedPage()
    {
        auto page = std::make_unique<Page>();
        page->resize(1400, 900);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            qFatal("page not exposed");
        QSignalSpy loaded(page.get(), &DashboardPage::loaded);
        page->setContext({ m_store, window() });
        if (!loaded.wait(20'000))
            qFatal("page did not load");
        QTest::qWait(50); // let the charts lay out
        return page;
    }

    // Clicks `chart` where the value (x = the bucket's start, y) is drawn; the query asked for.
    static std::optional<ReviewQueueQuery> click(
        DashboardPage* page, TimeChart* chart, const QDateTime& x, qreal y)
    {
        QSignalSpy drill(page, &DashboardPage::drillDown);
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {},
            chart->viewPosition(QPointF(ChartStyle::axisPosition(x), y)));
        if (drill.size() != 1)
            return std::nullopt;
        return drill.first().first().value<ReviewQueueQuery>();
    }

    // The Review page shows the query, and the query lists `rows` interactions.
    void verifyOpens(const ReviewQueueQuery& query, qsizetype rows)
    {
        ReviewPage review;
        review.showQuery(query);
        QCOMPARE(review.query(), query);
        const auto listed = ReviewQueue(m_store).fetch(query, 100);
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
        QCOMPARE(listed->rows.size(), rows);
    }

private slots:
    void initTestCase()
    {
        Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-drilldowns"));
        m_store = m_db.open();
        const QUuid first = record(Alpha, utc(2, 9), 100, "0.10", 2);
        const QUuid second = record(Alpha, utc(2, 9, 20), 900, "0.10", 5);
        const QUuid third = record(Beta, utc(2, 9, 40), 500, "0.30", 4);
        // Reviewers' labels: "hallucination" is the verdict in force of ben on the second and of
        // ann and cat on the third (3 reviews, 2 interactions); ann changed her mind on the first.
        const Test::FixtureWriter writer(m_store);
        const auto review = [&](const QUuid& id, const char* who, const char* label, int minute) {
            writer.addReview(id, QLatin1String(who), 2, QLatin1String(label), utc(2, 12, minute));
        };
        review(first, "ann", "hallucination", 0);
        review(first, "ann", "fine", 1);
        review(second, "ben", "hallucination", 2);
        review(third, "ann", "hallucination", 3);
        review(third, "cat", "hallucination", 4);
        record(Alpha, utc(3, 10), 50, "0.01", 0);
        record(Beta, utc(3, 14), 60, "0.05", 0);
    }

    void overviewRequestsHourOpensThatHour()
    {
        auto page = loadedPage<OverviewPage>();
        auto* chart = page->findChild<TimeChart*>(QStringLiteral("requestsChart"));
        const auto query = click(page.get(), chart, utc(2, 9), 3);
        QVERIFY(query);
        QCOMPARE(query->kind, Kind::All);
        QCOMPARE(query->filter, (Filter { utc(2, 9), utc(2, 10), {}, {} }));
        verifyOpens(*query, 3);
    }

    void latencyBucketOpensItSlowestFirst_data()
    {
        QTest::addColumn<QString>("chartName");
        QTest::newRow("percentiles") << QStringLiteral("percentileChart");
        QTest::newRow("retrieval vs generation") << QStringLiteral("breakdownChart");
    }

    void latencyBucketOpensItSlowestFirst()
    {
        QFETCH(QString, chartName);
        auto page = loadedPage<LatencyPage>();
        auto* chart = page->findChild<TimeChart*>(chartName);
        const auto query = click(page.get(), chart, utc(3, 14), 30);
        QVERIFY(query);
        QCOMPARE(query->filter, (Filter { utc(3, 14), utc(3, 15), {}, {} }));
        QCOMPARE(query->sort, SortKey::Latency);
        QVERIFY(query->descending);
        verifyOpens(*query, 1);
    }

    void costBandOpensThatModelsDay_data()
    {
        QTest::addColumn<qreal>("y");
        QTest::addColumn<QString>("model");
        // Nov 2: alpha's $0.20 at the bottom (models in name order), beta's $0.30 on top of it
        QTest::newRow("alpha's band") << 0.1 << Alpha;
        QTest::newRow("beta's band") << 0.4 << Beta;
    }

    void costBandOpensThatModelsDay()
    {
        QFETCH(qreal, y);
        QFETCH(QString, model);
        auto page = loadedPage<CostPage>();
        auto* chart = page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        // a few hours into Nov 2: its point sits on the plot's left edge
        const auto query = click(page.get(), chart, utc(2, 3), y);
        QVERIFY(query);
        QCOMPARE(query->filter, (Filter { utc(2, 0), utc(3, 0), {}, model }));
        QCOMPARE(query->sort, SortKey::Cost);
        verifyOpens(*query, model == Alpha ? 2 : 1);
        // above every band: the whole day
        const auto above = chart->hitAt(QPointF(ChartStyle::axisPosition(utc(2, 0)), 10.0));
        QVERIFY(above);
        QCOMPARE(above->series, -1);
    }

    void tokensDayOpensThatDay()
    {
        auto page = loadedPage<CostPage>();
        auto* chart = page->findChild<TimeChart*>(QStringLiteral("tokensChart"));
        auto* tabs = page->findChild<QTabWidget*>();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(chart))
                tabs->setCurrentIndex(i); // the tokens are a tab beside the planning views
        }
        QTest::qWait(50);
        // late on Nov 2, nearer to Nov 3's point (on the plot's right edge) than to Nov 2's
        const auto query = click(page.get(), chart, utc(2, 21), 50);
        QVERIFY(query);
        QCOMPARE(query->filter, (Filter { utc(3, 0), utc(4, 0), {}, {} }));
        verifyOpens(*query, 2);
    }

    void burnDownDayOpensThatDayOfTheMonth()
    {
        auto page = loadedPage<CostPage>();
        auto* chart = page->findChild<TimeChart*>(QStringLiteral("burnDownChart"));
        auto* tabs = page->findChild<QTabWidget*>();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(chart))
                tabs->setCurrentIndex(i);
        }
        QTest::qWait(50);
        // the burn-down plans the current month, whatever the window: a day in its middle
        QList<QPointF> points;
        for (const TimeChart::Series& s : chart->series())
            points += s.points;
        QVERIFY(points.size() >= 3);
        std::sort(
            points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
        const QPointF middle = points[points.size() / 2];
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(qint64(middle.x()));
        const QDateTime day(local.date(), QTime(0, 0), QTimeZone::utc());
        const auto query = click(page.get(), chart, day, middle.y());
        QVERIFY(query);
        QCOMPARE(query->filter, (Filter { day, day.addDays(1), {}, {} }));
        QCOMPARE(query->sort, SortKey::Cost);
        ReviewPage review;
        review.showQuery(*query);
        QCOMPARE(review.query(), *query);
    }

    void modelsRowOpensThatModel()
    {
        auto page = loadedPage<ModelsPage>();
        auto* table = page->findChild<Panel*>(QStringLiteral("modelsTable"))->findChild<QTableView*>();
        int row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == Beta)
                row = r;
        }
        QVERIFY(row >= 0);
        QSignalSpy drill(page.get(), &DashboardPage::drillDown);
        const QRect cell = table->visualRect(table->model()->index(row, 0));
        // a double click as a user makes it: the first click selects the row
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.kind, Kind::All);
        QCOMPARE(query.filter, (Filter { utc(2, 0), utc(4, 0), {}, Beta }));
        verifyOpens(query, 2);
    }

    void abWeekOpensThatModelsWeek()
    {
        auto page = loadedPage<ModelsPage>();
        QCOMPARE(page->abPanel()->modelA(), Alpha);
        auto* chart = page->abPanel()->findChild<TimeChart*>(QStringLiteral("abChart"));
        // Monday Nov 2: alpha's mean rating 3.5, beta's 4; the week is clipped to the window
        const auto query = click(page.get(), chart, utc(2, 0), 3.5);
        QVERIFY(query);
        QCOMPARE(query->filter, (Filter { utc(2, 0), utc(4, 0), {}, Alpha }));
        verifyOpens(*query, 3);
    }

    void confidencePerRatingBarOpensThatRating()
    {
        auto page = loadedPage<QualityPage>();
        auto* chart = page->findChild<BarChart*>(QStringLiteral("confidenceByRatingChart"));
        QSignalSpy drill(page.get(), &DashboardPage::drillDown);
        const int bar = 1; // rating 2
        const qreal value = chart->barSeries()->barSets().first()->at(bar);
        const QPointF inChart = chart->chart()->mapToPosition(QPointF(bar, value / 2), chart->barSeries());
        QTest::mouseClick(
            chart->viewport(), Qt::LeftButton, {}, chart->mapFromScene(chart->chart()->mapToScene(inChart)));
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.kind, Kind::All);
        QCOMPARE(query.userRating, std::optional<int>(2));
        // the chart counts interactions created in the window, by their rating
        QCOMPARE(query.windowOn, ReviewQueueQuery::WindowOn::Interaction);
        QCOMPARE(query.filter, window());
        verifyOpens(query, 1);
    }

    void reviewersLabelBarOpensThatLabel()
    {
        auto page = loadedPage<QualityPage>();
        auto* chart = page->findChild<BarChart*>(QStringLiteral("labelsChart"));
        const int bar = int(chart->categories().indexOf(QStringLiteral("hallucination")));
        QVERIFY(bar >= 0);
        QCOMPARE(chart->values().at(bar), 3.0);
        QSignalSpy drill(page.get(), &DashboardPage::drillDown);
        // horizontal bars: the category is y, the value x
        const QPointF inChart
            = chart->chart()->mapToPosition(QPointF(chart->values().at(bar) / 2, bar), chart->barSeries());
        QTest::mouseClick(
            chart->viewport(), Qt::LeftButton, {}, chart->mapFromScene(chart->chart()->mapToScene(inChart)));
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.kind, Kind::All);
        QCOMPARE(query.label, QStringLiteral("hallucination"));
        QCOMPARE(query.filter, window());
        verifyOpens(query, 2); // ann's first verdict was replaced by "fine"
        // a saved queue keeps the label
        QCOMPARE(QueueFilterJson::fromJson(QueueFilterJson::toJson(query)).value(), query);
    }

    void costAnomalyOpensThatHourDearestFirst()
    {
        // Five weeks of one request an hour at 2 cents; one hour with 15 requests.
        Test::TestDatabase db;
        const StorePtr store = db.open();
        const QDateTime start(QDate(2026, 2, 1), QTime(0, 0), QTimeZone::utc());
        const QDateTime spike = start.addSecs((4 * 168 + 40) * 3600);
        QList<InteractionRecord> records;
        const auto add = [&records](const QDateTime& at) {
            InteractionRecord r;
            r.userId = QStringLiteral("u");
            r.query = r.answer = QStringLiteral("x");
            r.model = Alpha;
            r.cost = Money::parse(QStringLiteral("0.02")).value();
            r.createdAt = at;
            records << r;
        };
        for (int h = 0; h < 5 * 168; ++h)
            add(start.addSecs(h * 3600 + 60));
        for (int i = 0; i < 14; ++i)
            add(spike.addSecs(120 + i));
        QVERIFY(InteractionRecorder(store).recordBatch(records).ok());
        AlertsPage page;
        page.resize(1300, 800);
        page.show();
        QSignalSpy loaded(&page, &DashboardPage::loaded);
        page.setContext({ store, Filter { start.addDays(28), start.addDays(35), {}, {} } });
        QVERIFY(loaded.wait(30'000));
        QTableWidget* anomalies = page.anomalyTable();
        int row = -1;
        for (int r = 0; r < anomalies->rowCount(); ++r) {
            if (anomalies->item(r, 0)->text() == AlertsPage::tr("Cost"))
                row = r;
        }
        QVERIFY(row >= 0);
        QSignalSpy drill(&page, &DashboardPage::drillDown);
        anomalies->setFocus();
        anomalies->setCurrentCell(row, 0);
        QTest::keyClick(anomalies, Qt::Key_Return); // activates the row, as a double-click does
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.kind, Kind::All);
        QCOMPARE(query.filter, (Filter { spike, spike.addSecs(3600), {}, {} }));
        QCOMPARE(query.sort, SortKey::Cost);
        ReviewPage review;
        review.showQuery(query);
        QCOMPARE(review.query(), query);
        const auto listed = ReviewQueue(store).fetch(query, 100);
        QVERIFY(listed.ok());
        QCOMPARE(listed->rows.size(), 15);
    }

    void partialBucketsAreClippedToTheWindow()
    {
        const Filter page { utc(2, 9, 30), utc(2, 12), QStringLiteral("u"), Alpha };
        const ReviewQueueQuery first = bucketDrillDown(page, utc(2, 9), utc(2, 10));
        QCOMPARE(first.filter, (Filter { utc(2, 9, 30), utc(2, 10), QStringLiteral("u"), Alpha }));
        const ReviewQueueQuery inside = bucketDrillDown(page, utc(2, 10), utc(2, 11), SortKey::Cost);
        QCOMPARE(inside.filter.from, utc(2, 10));
        QCOMPARE(inside.filter.to, utc(2, 11));
        QCOMPARE(inside.sort, SortKey::Cost);
        const ReviewQueueQuery last = bucketDrillDown(page, utc(2, 11), utc(3, 0));
        QCOMPARE(last.filter.to, utc(2, 12));
    }
};

QTEST_MAIN(TestChartDrillDowns)
#include "tst_chartdrilldowns.moc"
