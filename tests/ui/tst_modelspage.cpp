#include "charts/timechart.h"
#include "comparison/abpanel.h"
#include "fixturewriter.h"
#include "guitest.h"
#include "modelfixture.h"
#include "models/abweeksmodel.h"
#include "models/modelcomparisonmodel.h"
#include "pages/modelspage.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/panel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::ComparisonStats;
using namespace Qt::StringLiterals;

namespace {

QDateTime may(int day, int hour)
{
    return QDateTime(QDate(2026, 5, day), QTime(hour, 0), QTimeZone::utc());
}

// May 2026: gamma and delta, 30 rated answers each, alternating between the weeks from Monday
// 4 and Monday 11 (15 a week); gamma rated higher than delta.
const RatingCounts GammaRatings { 2, 3, 5, 10, 10 };
const RatingCounts DeltaRatings { 6, 8, 6, 6, 4 };

void recordMay(const StorePtr& store)
{
    QList<InteractionRecord> records;
    QList<int> ratings;
    for (const auto& [model, counts] :
        { std::pair { u"gamma"_s, GammaRatings }, std::pair { u"delta"_s, DeltaRatings } }) {
        int n = 0;
        for (int r = 1; r <= 5; ++r) {
            for (qint64 k = 0; k < counts[size_t(r - 1)]; ++k, ++n) {
                InteractionRecord rec;
                rec.userId = u"u"_s;
                rec.query = rec.answer = u"x"_s;
                rec.model = model;
                rec.totalLatencyMs = 100 + n;
                rec.createdAt = may(n % 2 == 0 ? 5 : 12, n % 24); // alternating weeks
                records << rec;
                ratings << r;
            }
        }
    }
    const auto ids = InteractionRecorder(store).recordBatch(records);
    QVERIFY(ids.ok());
    for (qsizetype i = 0; i < ids->size(); ++i)
        Test::FixtureWriter(store).addFeedback(ids->at(i), ratings[i], may(20, 0));
}

Filter mayWindow()
{
    return { may(1, 0), may(31, 0), {}, {} };
}

} // namespace

/// ModelsPage with real widgets against a real store (offscreen): the table, the A/B panel's
/// defaults, picking other models, "not enough data", and the tests when there is enough.
class TestModelsPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        Test::recordModelComparison(m_store);
        recordMay(m_store);
    }

    void init()
    {
        m_page = std::make_unique<ModelsPage>();
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }
    void cleanup() { m_page.reset(); }

    void tableHasOneRowPerModel()
    {
        load(Test::modelComparisonWindow());
        const QAbstractItemModel* model = table()->model();
        QCOMPARE(model->rowCount(), 3);
        const auto cell
            = [model](int row, int column) { return model->index(row, column).data().toString(); };
        QCOMPARE(cell(0, ModelComparisonModel::Model), u"alpha"_s);
        QCOMPARE(
            cell(0, ModelComparisonModel::Requests), u"4 (%1%)"_s.arg(QLocale().toString(400.0 / 7, 'f', 1)));
        QCOMPARE(cell(0, ModelComparisonModel::CostPerRequest), u"$0.07500001"_s);
        QCOMPARE(cell(0, ModelComparisonModel::TotalLatency), u"250 / 385"_s);
        QVERIFY(cell(0, ModelComparisonModel::Rating).startsWith(u"3.33 ["_s));
        QVERIFY(cell(0, ModelComparisonModel::Rating).endsWith(u"n=3"_s));
        QVERIFY(cell(0, ModelComparisonModel::LowRated).startsWith(u"33.3% ["_s));
        QCOMPARE(cell(0, ModelComparisonModel::Reviews), u"2: mean 2.50, 1 low"_s);
        QCOMPARE(cell(2, ModelComparisonModel::Model), u"(no model)"_s);
        QCOMPARE(cell(2, ModelComparisonModel::Rating), u"—"_s);
        // Columns sized to their content, none stretched; the panel says how ratings are counted.
        QCoreApplication::processEvents(); // FittedColumns fits on the next event-loop pass
        const QAbstractItemView* view = table();
        for (int column : { 0, int(ModelComparisonModel::Reviews) })
            QVERIFY(table()->horizontalHeader()->sectionSize(column) >= view->sizeHintForColumn(column));
        QVERIFY(!table()->horizontalHeader()->stretchLastSection());
        QVERIFY(m_page->findChild<Panel*>(u"modelsTable"_s)->title().contains(u"by interaction time"_s));
    }

    void abDefaultsToTheTwoBusiestAndSaysNotEnoughData()
    {
        load(Test::modelComparisonWindow());
        AbPanel* ab = m_page->abPanel();
        QCOMPARE(ab->modelA(), u"alpha"_s);
        QCOMPARE(ab->modelB(), u"beta"_s);
        QVERIFY(
            ab->findChild<QLabel*>(u"abSummary"_s)->text().startsWith(u"Not enough data: 3 and 2 ratings"_s));
        const AbWeeksModel* weeks = ab->weeksModel();
        QCOMPARE(weeks->rowCount(), 3); // the window, then weeks from 03-02 and 03-09
        QCOMPARE(weeks->index(1, AbWeeksModel::Period).data().toString(), u"2026-03-02"_s);
        QCOMPARE(weeks->index(2, AbWeeksModel::MeanDifference).data().toString(), u"not enough data"_s);
        QCOMPARE(weeks->index(2, AbWeeksModel::Requests).data().toString(), u"2 / 1"_s);
        const auto* chart = ab->findChild<TimeChart*>(u"abChart"_s);
        QCOMPARE(chart->series().size(), 2);
        QCOMPARE(chart->series()[0].points.size(), 2); // alpha's mean rating in both weeks
    }

    void pickingModelsReloadsTheAbPanel()
    {
        load(Test::modelComparisonWindow());
        AbPanel* ab = m_page->abPanel();
        auto* boxA = ab->findChild<QComboBox*>(u"modelA"_s);
        QCOMPARE(boxA->count(), 2); // named models only
        boxA->setCurrentIndex(boxA->findText(u"beta"_s));
        emit boxA->activated(boxA->currentIndex());
        auto* boxB = ab->findChild<QComboBox*>(u"modelB"_s);
        boxB->setCurrentIndex(boxB->findText(u"alpha"_s));
        emit boxB->activated(boxB->currentIndex());
        QTRY_COMPARE(ab->weeksModel()->comparison().a, u"beta"_s);
        QTRY_COMPARE(ab->weeksModel()->comparison().b, u"alpha"_s);
        QCOMPARE(ab->weeksModel()->comparison().figuresA.requests, 2);
        // A reload keeps the user's pair.
        load(Test::modelComparisonWindow());
        QCOMPARE(ab->modelA(), u"beta"_s);
    }

    void enoughDataShowsTestsMatchingTheCore()
    {
        load(mayWindow());
        AbPanel* ab = m_page->abPanel();
        QCOMPARE(ab->modelA(), u"delta"_s); // equal requests: byte-wise order
        QCOMPARE(ab->modelB(), u"gamma"_s);
        const AbWeeksModel* weeks = ab->weeksModel();
        const auto mw = mannWhitney(DeltaRatings, GammaRatings);
        const auto low = twoProportion(lowRated(DeltaRatings), 30, lowRated(GammaRatings), 30);
        QCOMPARE(weeks->index(0, AbWeeksModel::Ratings).data().toString(), u"30 / 30"_s);
        QCOMPARE(
            weeks->index(0, AbWeeksModel::MannWhitneyP).data(AbWeeksModel::SortRole).toDouble(), *mw->pValue);
        QCOMPARE(weeks->index(0, AbWeeksModel::ZTestP).data(AbWeeksModel::SortRole).toDouble(), *low->pValue);
        QCOMPARE(weeks->index(0, AbWeeksModel::WelchP).data(AbWeeksModel::SortRole).toDouble(),
            *welch(DeltaRatings, GammaRatings)->pValue);
        const QString summary = ab->findChild<QLabel*>(u"abSummary"_s)->text();
        QVERIFY2(
            summary.contains(u"Mann-Whitney U p = "_s) || summary.contains(u"Mann-Whitney U p < 0.001"_s),
            qPrintable(summary));
        // 15 ratings a side per week: below the minimum, so the weeks say so.
        QCOMPARE(weeks->rowCount(), 3);
        QCOMPARE(weeks->index(1, AbWeeksModel::MeanDifference).data().toString(), u"not enough data"_s);

        QTemporaryDir scratch;
        QVERIFY(Test::renderSettled(m_page.get()).save(Test::screenshotPath(scratch, u"modelspage"_s)));
    }

    void emptyWindowSaysSo()
    {
        Filter f = Test::modelComparisonWindow();
        f.from = f.from.addYears(-5);
        f.to = f.to.addYears(-5);
        load(f);
        QCOMPARE(table()->model()->rowCount(), 0);
        QCOMPARE(m_page->findChild<Panel*>(u"modelsTable"_s)->message(),
            ModelsPage::tr("No interactions in this window"));
        QVERIFY(!m_page->findChild<Panel*>(u"abPanel"_s)->message().isEmpty());
    }

private:
    void load(const Filter& filter)
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, filter });
        QVERIFY(loaded.wait(20000));
    }
    QTableView* table() const
    {
        return m_page->findChild<Panel*>(u"modelsTable"_s)->findChild<QTableView*>();
    }

    Test::TestDatabase m_db;
    StorePtr m_store;
    std::unique_ptr<ModelsPage> m_page;
};

QTEST_MAIN(TestModelsPage)
#include "tst_modelspage.moc"
