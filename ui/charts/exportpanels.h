#pragma once

#include "export/csvwriter.h"

#include <QString>

#include <functional>

class QAbstractItemModel;
class QChartView;
class QTableView;
class QWidget;

namespace RagScope {

class Panel;

/// Panels around a chart or a table, with the header action that exports what they show.
namespace ExportPanels {
/// A panel showing `chart`, with "Save image…" (PNG or SVG, suggested file `fileName`) and
/// "Copy image" in its header and the chart's context menu.
Panel* chartPanel(const QString& title, QChartView* chart, const QString& fileName, QWidget* parent);
/// The data behind a table panel as CSV for machines (raw values, not the shown text).
using CsvSource = std::function<CsvTable()>;
/// A panel with a sortable table of `model` (sorted through a proxy by `sortRole`), with
/// "Export CSV…" of what `csv` gives.
Panel* tablePanel(const QString& title, QAbstractItemModel* model, int sortRole, const QString& fileName,
    CsvSource csv, QWidget* parent);
/// Adds "Export CSV…" of what `csv` gives to a panel's header (e.g. a chart's data).
void addCsvAction(Panel* panel, CsvSource csv, const QString& fileName);
/// The table view inside a panel made by tablePanel().
QTableView* tableView(const Panel* panel);
} // namespace ExportPanels

} // namespace RagScope
