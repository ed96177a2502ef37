#include "exportpanels.h"

#include "widgets/exporter.h"
#include "widgets/panel.h"

#include <QAction>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace RagScope::ExportPanels {

Panel* chartPanel(const QString& title, QWidget* chart, const QString& fileName, QWidget* parent)
{
    auto* panel = new Panel(title, parent);
    panel->setContent(chart);
    auto* exportPng = new QAction(Panel::tr("Export PNG…"), panel);
    exportPng->setToolTip(Panel::tr("Save this chart as a PNG image"));
    QObject::connect(exportPng, &QAction::triggered, chart,
        [chart, fileName] { Exporter::exportWidgetPng(chart, fileName); });
    panel->addHeaderAction(exportPng);
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
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
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
