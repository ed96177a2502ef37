#include "charts/barchart.h"
#include "feedback/reviewqueue.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "guitest.h"
#include "pages/qualitypage.h"
#include "pages/reviewpage.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/panel.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace RagScope;
using Kind = ReviewQueueQuery::Kind;

namespace {

QDateTime utc(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

const QString Pro = QStringLiteral("gemini-1.5-pro-002");
const QString Flash = QStringLiteral("gemini-1.5-flash-001");

Filter window(std::optional<QString> model = {})
{
    return { utc(1, 0), utc(8, 0), {}, model };
}

// Where the middle of bar `index` is, in the view's viewport.
QPoint barCenter(BarChart* chart, int index)
{
    const qreal value = chart->barSeries()->barSets().first()->at(index);
    const QPointF inChart = chart->chart()->mapToPosition(QPointF(index, value / 2), chart->barSeries());
    return chart->mapFromScene(chart->chart()->mapToScene(inChart));
}

} // namespace

/// QualityPage against a real store: histograms, confidence per rating, reviewers' labels and
/// agreement, drill-down clicks.
class TestQualityPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        // Confidence 0.05, 0.15, 0.55, 0.55 (pro); 0.65, 0.95, 1.0, none (flash).
        const QList<std::optional<double>> confidences { 0.05, 0.15, 0.55, 0.55, 0.65, 0.95, 1.0,
            std::nullopt };
        QList<InteractionRecord> records;
        for (qsizetype i = 0; i < confidences.size(); ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("alice");
            r.query = QStringLiteral("q");
            r.answer = QStringLiteral("a");
            r.model = i < 4 ? Pro : Flash;
            r.confidence = confidences[i];
            r.createdAt = utc(2, int(i));
            records << r;
        }
        const auto ids = InteractionRecorder(m_store).recordBatch(records);
        QVERIFY(ids.ok());
        m_ids = ids.value();
        const Test::FixtureWriter writer(m_store);
        // User ratings: 1, 2, 5, 4 (pro), 4 (flash): mean 3.2.
        const QList<int> ratings { 1, 2, 5, 4, 4 };
        for (qsizetype i = 0; i < ratings.size(); ++i)
            writer.addFeedback(m_ids[i], ratings[i], utc(3, int(i)));
        // Reviews: i0 2 "wrong", i2 5 "good", i4 1 "wrong", i5 4 "good", i6 3 "incomplete".
        writer.addReview(m_ids[0], QStringLiteral("ann"), 2, QStringLiteral("wrong"), utc(4, 1));
        writer.addReview(m_ids[2], QStringLiteral("ann"), 5, QStringLiteral("good"), utc(4, 2));
        writer.addReview(m_ids[4], QStringLiteral("ben"), 1, QStringLiteral("wrong"), utc(4, 3));
        writer.addReview(m_ids[5], QStringLiteral("ben"), 4, QStringLiteral("good"), utc(4, 4));
        writer.addReview(m_ids[6], QStringLiteral("ann"), 3, QStringLiteral("incomplete"), utc(4, 5));
    }

    void init()
    {
        m_page = std::make_unique<QualityPage>();
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(load(window(), true));
    }

    void cleanup() { m_page.reset(); }

    void histogramsHoldTheWindowCounts()
    {
        QCOMPARE(chart("confidenceChart")->values(), (QList<qreal> { 1, 1, 0, 0, 0, 2, 1, 0, 0, 2, 1 }));
        QCOMPARE(chart("confidenceChart")->categories().first(), QStringLiteral("0.0–0.1"));
        QCOMPARE(chart("confidenceChart")->categories().last(), QualityPage::tr("none"));
        QCOMPARE(chart("ratingChart")->values(), (QList<qreal> { 1, 1, 0, 2, 1 }));
        QVERIFY2(chart("ratingChart")->chart()->title().contains(QStringLiteral("3.20")),
            qPrintable(chart("ratingChart")->chart()->title()));
    }

    void averagesConfidencePerRating()
    {
        const QList<qreal> values = chart("confidenceByRatingChart")->values();
        const QList<qreal> expected { 0.05, 0.15, 0, 0.60, 0.55 };
        QCOMPARE(values.size(), expected.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            QVERIFY2(qAbs(values[i] - expected[i]) < 1e-9, qPrintable(QString::number(values[i])));
    }

    void showsReviewerLabelsAndAgreement()
    {
        // Horizontal bars: the most frequent label is drawn on top, i.e. last.
        const QStringList labels = chart("labelsChart")->categories();
        QCOMPARE(labels.size(), 3);
        QCOMPARE(labels.first(), QStringLiteral("incomplete"));
        QCOMPARE(QSet<QString>(labels.cbegin() + 1, labels.cend()),
            (QSet<QString> { QStringLiteral("good"), QStringLiteral("wrong") }));
        QCOMPARE(chart("labelsChart")->values(), (QList<qreal> { 1, 2, 2 }));
        // Compared: i0 (1 vs 2), i2 (5 vs 5), i4 (4 vs 1): two agree, |Δ| mean 4/3.
        QCOMPARE(m_page->findChild<QLabel*>(QStringLiteral("agreeing"))->text(), QStringLiteral("2 (66.7%)"));
        QCOMPARE(
            m_page->findChild<QLabel*>(QStringLiteral("meanDifference"))->text(), QStringLiteral("1.33"));
    }

    void modelFilterNarrowsTheHistograms()
    {
        QVERIFY(load(window(Pro)));
        QCOMPARE(chart("confidenceChart")->values(), (QList<qreal> { 1, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0 }));
        QCOMPARE(chart("ratingChart")->values(), (QList<qreal> { 1, 1, 0, 1, 1 }));
    }

    void clickingABarDrillsDown_data()
    {
        QTest::addColumn<QString>("chartName");
        QTest::addColumn<int>("bar");
        QTest::addColumn<int>("confidenceBucket");
        QTest::addColumn<int>("userRating");
        QTest::newRow("confidence 0.5–0.6 (low)") << QStringLiteral("confidenceChart") << 5 << 5 << -1;
        QTest::newRow("confidence 0.9–1.0 (not low)") << QStringLiteral("confidenceChart") << 9 << 9 << -1;
        QTest::newRow("none (no score)") << QStringLiteral("confidenceChart") << 10 << 10 << -1;
        QTest::newRow("rating 1 (low)") << QStringLiteral("ratingChart") << 0 << -1 << 1;
        QTest::newRow("rating 4 (not low)") << QStringLiteral("ratingChart") << 3 << -1 << 4;
    }

    void clickingABarDrillsDown()
    {
        QFETCH(QString, chartName);
        QFETCH(int, bar);
        QFETCH(int, confidenceBucket);
        QFETCH(int, userRating);
        QSignalSpy drill(m_page.get(), &DashboardPage::drillDown);
        BarChart* barChart = m_page->findChild<BarChart*>(chartName);
        QTest::qWait(50); // let the chart lay out its bars
        QTest::mouseClick(barChart->viewport(), Qt::LeftButton, {}, barCenter(barChart, bar));
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.kind, Kind::All); // the bar's own filter says which rows
        QCOMPARE(query.filter, window());
        // the list holds as many rows as the bar counts
        const auto listed = ReviewQueue(m_store).fetch(query, 100);
        QVERIFY(listed.ok());
        QCOMPARE(double(listed->rows.size()), barChart->values().at(bar));
        QCOMPARE(query.confidenceBucket.value_or(-1), confidenceBucket);
        QCOMPARE(query.userRating.value_or(-1), userRating);
        // a rating bar counts feedback by its own time, and so does its drill-down
        QCOMPARE(query.windowOn,
            userRating > 0 ? ReviewQueueQuery::WindowOn::Feedback : ReviewQueueQuery::WindowOn::Interaction);
    }

    void ratingDrillDownListsAsManyAsTheBarCounts()
    {
        // Rated 1 in the window: one interaction from before the window and one inside it.
        // Not counted: an interaction inside the window whose rating came after it.
        Test::TestDatabase db;
        const StorePtr store = db.open();
        const Test::FixtureWriter writer(store);
        QSet<QUuid> ratedInWindow;
        for (const auto& [created, rated] : { std::pair { utc(1, 0).addDays(-2), utc(2, 0) },
                 { utc(4, 0), utc(5, 0) }, { utc(7, 0), utc(9, 0) } }) {
            InteractionRecord r;
            r.userId = QStringLiteral("carol");
            r.query = QStringLiteral("q");
            r.answer = QStringLiteral("a");
            r.createdAt = created;
            const QUuid id = Test::recordInteraction(store, r);
            writer.addFeedback(id, 1, rated);
            if (rated < window().to)
                ratedInWindow << id;
        }
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ store, m_page->context().filter });
        QVERIFY(loaded.wait(20000));
        QCOMPARE(chart("ratingChart")->values().first(), 2.0);

        QSignalSpy drill(m_page.get(), &DashboardPage::drillDown);
        BarChart* ratings = chart("ratingChart");
        QTest::qWait(50); // let the chart lay out its bars
        QTest::mouseClick(ratings->viewport(), Qt::LeftButton, {}, barCenter(ratings, 0));
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        const auto page = ReviewQueue(store).fetch(query, 100);
        QVERIFY2(page.ok(), qPrintable(page ? QString() : page.error().message));
        QSet<QUuid> listed;
        for (const InteractionSummary& row : page->rows)
            listed << row.id;
        QCOMPARE(listed, ratedInWindow);

        // the Review page keeps that drill-down until it is cleared
        ReviewPage review;
        review.showQuery(query);
        QCOMPARE(review.query(), query);
    }

    void failedLoadKeepsDataAndReportsError()
    {
        Test::TestDatabase db;
        const StorePtr store = db.open();
        InteractionRecord r;
        r.userId = QStringLiteral("bob");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        r.confidence = 0.42;
        r.createdAt = utc(2, 1);
        QVERIFY(InteractionRecorder(store).record(r).ok());
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        QSignalSpy errors(m_page.get(), &DashboardPage::storeError);
        m_page->setContext({ store, m_page->context().filter });
        QVERIFY(loaded.wait(20000));
        QCOMPARE(chart("confidenceChart")->values().at(4), 1.0);

        db.execScript(QStringLiteral("ALTER TABLE chat_interactions RENAME TO chat_interactions_gone"));
        m_page->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(chart("confidenceChart")->values().at(4), 1.0);
    }

    void emptyWindowSaysSo()
    {
        QVERIFY(load({ utc(20, 0), utc(27, 0), {}, {} }));
        QCOMPARE(m_page->findChildren<Panel*>().first()->message(),
            QualityPage::tr("No interactions in this window"));
    }

    void rendersToPng()
    {
        QTemporaryDir scratch;
        const QImage image = Test::renderSettled(m_page.get());
        QCOMPARE(image.size(), QSize(1400, 900));
        QVERIFY(image.save(Test::screenshotPath(scratch, QStringLiteral("qualitypage"))));
    }

private:
    bool load(const Filter& filter, bool withStore = false)
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ withStore ? m_store : m_page->context().store, filter });
        return loaded.wait(20000) && !m_page->isBusy();
    }

    BarChart* chart(const char* name) const { return m_page->findChild<BarChart*>(QLatin1String(name)); }

    Test::TestDatabase m_db;
    StorePtr m_store;
    QList<QUuid> m_ids;
    std::unique_ptr<QualityPage> m_page;
};

QTEST_MAIN(TestQualityPage)
#include "tst_qualitypage.moc"
