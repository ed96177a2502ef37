#include "charts/chartgroup.h"
#include "charts/chartview.h"
#include "charts/timechart.h"
#include "demo/demogenerator.h"
#include "guitest.h"
#include "mainwindow.h"
#include "models/reviewqueuemodel.h"
#include "pages/alertspage.h"
#include "pages/costpage.h"
#include "pages/latencypage.h"
#include "pages/modelspage.h"
#include "pages/overviewpage.h"
#include "pages/qualitypage.h"
#include "pages/reviewpage.h"
#include "widgets/filterbar.h"
#include "widgets/reviewqueuetable.h"

#include <QAbstractAxis>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace RagScope;

namespace {

QHeaderView* columnHeader(QAbstractItemView* view)
{
    if (auto* table = qobject_cast<QTableView*>(view))
        return table->horizontalHeader();
    if (auto* tree = qobject_cast<QTreeView*>(view))
        return tree->header();
    return nullptr;
}

// Numbers are right-aligned in every model of the dashboard.
bool isNumeric(const QAbstractItemModel* model, int column)
{
    const QVariant align = model->index(0, column).data(Qt::TextAlignmentRole);
    return align.isValid() && (align.value<Qt::Alignment>() & Qt::AlignRight);
}

// Why column `column` of `view` does not show its whole text (`whole`), or is not on screen at
// all (text that may be elided); empty if it does.
QString clipping(QAbstractItemView* view, int column, bool whole = true)
{
    QHeaderView* header = columnHeader(view);
    const QString name
        = QStringLiteral("%1 / \"%2\"")
              .arg(view->accessibleName().isEmpty() ? view->objectName() : view->accessibleName(),
                  view->model()->headerData(column, Qt::Horizontal).toString());
    const int width = header->sectionSize(column);
    const int left = header->sectionViewportPosition(column);
    if (!whole) {
        const int someText = std::min(width, 3 * header->fontMetrics().horizontalAdvance(QLatin1Char('M')));
        if (left < 0 || left + someText > view->viewport()->width())
            return QStringLiteral("%1 is scrolled out of sight (%2 px of %3)")
                .arg(name)
                .arg(left)
                .arg(view->viewport()->width());
        return {};
    }
    // A header draws its sort arrow in the sorted column only.
    const bool arrows = header->isSortIndicatorShown();
    header->setSortIndicatorShown(arrows && header->sortIndicatorSection() == column);
    const int needed = std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    header->setSortIndicatorShown(arrows);
    if (width < needed)
        return QStringLiteral("%1 is %2 px wide, its text needs %3").arg(name).arg(width).arg(needed);
    if (left < 0 || left + width > view->viewport()->width())
        return QStringLiteral("%1 lies outside the visible part (%2…%3 of %4 px)")
            .arg(name)
            .arg(left)
            .arg(left + width)
            .arg(view->viewport()->width());
    return {};
}

// Every numeric column of every table or tree on screen in `page` that hides part of its text,
// and every text column scrolled out of sight.
QStringList clippedNumbers(QWidget* page)
{
    QStringList problems;
    for (QAbstractItemView* view : page->findChildren<QAbstractItemView*>()) {
        QHeaderView* header = columnHeader(view);
        if (!header || !view->isVisible() || !view->model() || view->model()->rowCount() == 0)
            continue;
        for (int column = 0; column < view->model()->columnCount(); ++column) {
            if (header->isSectionHidden(column))
                continue;
            const QString why = clipping(view, column, isNumeric(view->model(), column));
            if (!why.isEmpty())
                problems << why;
        }
    }
    return problems;
}

} // namespace

/// Every page of the dashboard on a demo store in a 1280×800 window (CTest runs this suite again
/// with QT_SCALE_FACTOR=2): no number is cut, elided or scrolled out of sight, axis titles fit,
/// and the time charts of a page line up.
class TestPageLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Test::useSettingsIn(m_dir, QStringLiteral("tst_pagelayout"));
        DemoOptions options;
        options.rows = 3000;
        options.days = 30;
        options.end = End; // the same rows, and so the same texts, on every run
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const auto made = DemoGenerator::createSqlite(path, options);
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));

        m_window = new MainWindow;
        m_review = new ReviewPage;
        m_window->addPage(new OverviewPage);
        m_window->addPage(new CostPage);
        m_window->addPage(new LatencyPage);
        m_window->addPage(new QualityPage);
        m_window->addPage(new ModelsPage);
        m_window->addPage(m_review);
        m_window->addPage(new AlertsPage);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QSignalSpy opened(m_window, &MainWindow::storeOpened);
        m_window->openUrl(QStringLiteral("sqlite:") + path);
        QVERIFY(opened.wait(30000));
        m_window->filterBar()->setCustomRange(End.addDays(-7), End);
    }

    void cleanupTestCase() { delete m_window; }

    void windowFits1280x800()
    {
        const QSize minimum = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
        QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 800,
            qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        QCOMPARE(m_window->size(), QSize(1280, 800));
    }

    void pagesShowEveryNumberWhole_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_window->pages().size(); ++i)
            QTest::newRow(qPrintable(m_window->pages()[i]->title())) << i;
    }

    void pagesShowEveryNumberWhole()
    {
        QFETCH(int, index);
        DashboardPage* page = show(index);
        const QStringList problems = clippedNumbers(page);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

    void axisTitlesFit_data() { pagesShowEveryNumberWhole_data(); }

    void axisTitlesFit()
    {
        QFETCH(int, index);
        DashboardPage* page = show(index);
        for (const ChartView* view : page->findChildren<ChartView*>()) {
            if (!view->isVisible())
                continue;
            const QRectF plot = view->chart()->plotArea();
            for (const QAbstractAxis* axis : view->chart()->axes()) {
                if (!axis->isTitleVisible() || axis->titleText().isEmpty())
                    continue;
                const qreal room = axis->orientation() == Qt::Vertical ? plot.height() : plot.width();
                const int needed = QFontMetrics(axis->titleFont()).horizontalAdvance(axis->titleText());
                QVERIFY2(needed <= room,
                    qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, has %4")
                                   .arg(view->objectName(), axis->titleText())
                                   .arg(needed)
                                   .arg(room)));
            }
        }
    }

    void timeChartsOfAPageLineUp_data() { pagesShowEveryNumberWhole_data(); }

    void timeChartsOfAPageLineUp()
    {
        QFETCH(int, index);
        DashboardPage* page = show(index);
        // the charts over the filter window (a burn-down's month is another axis)
        QList<TimeChart*> windowCharts;
        for (const ChartGroup* group : page->findChildren<ChartGroup*>())
            windowCharts << group->charts();
        QList<TimeChart*> candidates;
        for (TimeChart* chart : page->findChildren<TimeChart*>()) {
            if (!chart->series().isEmpty() && chart->objectName() != QStringLiteral("burnDownChart"))
                candidates << chart;
        }
        for (TimeChart* chart : std::as_const(candidates)) {
            if (candidates.size() > 1)
                QVERIFY2(windowCharts.contains(chart),
                    qPrintable(chart->objectName() + QStringLiteral(" is in no group")));
        }
        // each chart in turn on screen (charts in other tabs align when their tab shows)
        for (TimeChart* shown : std::as_const(windowCharts)) {
            reveal(shown);
            Test::renderSettled(m_window);
            for (const TimeChart* chart : std::as_const(windowCharts)) {
                if (!chart->isVisible() || chart->series().isEmpty() || shown->series().isEmpty())
                    continue;
                // the margins are whole pixels: the edges agree to within one
                QVERIFY(qAbs(chart->chart()->plotArea().left() - shown->chart()->plotArea().left()) < 1);
                QCOMPARE(chart->timeAxis()->min(), shown->timeAxis()->min());
                QCOMPARE(chart->timeAxis()->max(), shown->timeAxis()->max());
            }
        }
    }

    void reviewTableWithASearchShowsCostsAndModelsWhole()
    {
        show(int(m_window->pages().indexOf(m_review)));
        ReviewQueueQuery query = m_review->query();
        query.search = QStringLiteral("a");
        m_review->showQuery(query);
        QVERIFY(QTest::qWaitFor([this] { return !m_review->isBusy(); }, 30000));
        Test::renderSettled(m_window);
        QVERIFY(m_review->model()->rowCount() > 0);
        for (int column : { int(ReviewQueueModel::Model), int(ReviewQueueModel::Cost) }) {
            const QString why = clipping(m_review->table(), column);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

private:
    // Brings the tab (or stacked page) holding `widget` to the front.
    static void reveal(QWidget* widget)
    {
        for (QWidget* w = widget; w && w->parentWidget(); w = w->parentWidget()) {
            if (auto* stack = qobject_cast<QStackedWidget*>(w->parentWidget()))
                stack->setCurrentWidget(w);
        }
    }

    DashboardPage* show(int index)
    {
        DashboardPage* page = m_window->pages()[index];
        m_window->showPage(page);
        if (!QTest::qWaitFor([page] { return !page->isBusy(); }, 30000))
            qWarning("%s did not finish loading", qPrintable(page->title()));
        Test::renderSettled(m_window);
        return page;
    }

    const QDateTime End { QDate(2026, 11, 30), QTime(0, 0), QTimeZone::utc() };
    QTemporaryDir m_dir;
    MainWindow* m_window = nullptr;
    ReviewPage* m_review = nullptr;
};

QTEST_MAIN(TestPageLayout)
#include "tst_pagelayout.moc"
