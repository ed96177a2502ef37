#include "exportpanels.h"

#include "chartimage.h"
#include "pages/dashboardpage.h"
#include "widgets/exporter.h"
#include "widgets/fittedcolumns.h"
#include "widgets/panel.h"

#include <QAction>
#include <QChartView>
#include <QHeaderView>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace RagScope::ExportPanels {

namespace {

/// The chart as an image headed by its panel's title and the page's window and filters.
ChartImage chartImage(QChartView* chart, const Panel* panel)
{
    Filter filter;
    for (const QWidget* w = panel; w; w = w->parentWidget()) {
        if (const auto* page = qobject_cast<const DashboardPage*>(w)) {
            filter = page->context().filter;
            break;
        }
    }
    return ChartImage(chart, panel->title(), filter);
}

} // namespace

Panel* chartPanel(const QString& title, QChartView* chart, const QString& fileName, QWidget* parent)
{
    auto* panel = new Panel(title, parent);
    panel->setContent(chart);
    auto* save = new QAction(Panel::tr("Save image…"), panel);
    save->setObjectName(QStringLiteral("saveChartImage"));
    save->setToolTip(Panel::tr("Save this chart as a PNG or SVG image, with its window and filters"));
    QObject::connect(save, &QAction::triggered, panel, [chart, panel, fileName] {
        int scale = 1;
        const QString path = Exporter::askImagePath(panel, fileName, &scale);
        if (path.isEmpty())
            return;
        const QString error = chartImage(chart, panel).save(path, scale);
        if (!error.isEmpty())
            QMessageBox::warning(panel, Panel::tr("Export failed"), error);
    });
    auto* copy = new QAction(Panel::tr("Copy image"), panel);
    copy->setObjectName(QStringLiteral("copyChartImage"));
    copy->setToolTip(Panel::tr("Copy this chart to the clipboard as an image (2×)"));
    QObject::connect(
        copy, &QAction::triggered, panel, [chart, panel] { chartImage(chart, panel).copyToClipboard(); });
    panel->addHeaderAction(save);
    panel->addHeaderAction(copy);
    // the same two on the chart's own context menu
    chart->addAction(save);
    chart->addAction(copy);
    chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    return panel;
}

Panel* tablePanel(const QString& title, QAbstractItemModel* model, int sortRole, const QString& fileName,
    CsvSource csv, QWidget* parent)
{
    auto* panel = new Panel(title, parent);
    auto* proxy = new QSortFilterProxyModel(panel);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto* view = new QTableView;
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the model's own order until a header is clicked
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    new FittedColumns(view); // every number whole, never behind a scroll bar
    view->setAccessibleName(title);
    panel->setContent(view);
    addCsvAction(panel, std::move(csv), fileName);
    return panel;
}

void addCsvAction(Panel* panel, CsvSource csv, const QString& fileName)
{
    auto* exportCsv = new QAction(Panel::tr("Export CSV…"), panel);
    exportCsv->setToolTip(Panel::tr("Save this data as CSV, with raw values"));
    QObject::connect(exportCsv, &QAction::triggered, panel,
        [panel, fileName, csv = std::move(csv)] { Exporter::exportTableCsv(panel, csv(), fileName); });
    panel->addHeaderAction(exportCsv);
}

QTableView* tableView(const Panel* panel)
{
    return qobject_cast<QTableView*>(panel->content());
}

} // namespace RagScope::ExportPanels
