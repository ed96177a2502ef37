#pragma once

#include <QString>

class QAbstractItemModel;
class QWidget;

namespace RagScope {

/// Saving what a page shows: a widget (chart) as PNG, a model (table) as CSV.
namespace Exporter {
/// Renders `widget` into a PNG at `path`; returns an error message or an empty string.
QString saveWidgetPng(QWidget* widget, const QString& path);
/// Writes the model's visible columns (DisplayRole, header row first) as RFC 4180 CSV.
QString saveModelCsv(const QAbstractItemModel* model, const QString& path);
/// Asks for a file name (remembering the last folder) and saves; shows errors in a message box.
void exportWidgetPng(QWidget* widget, const QString& suggestedName);
void exportModelCsv(QWidget* parent, const QAbstractItemModel* model, const QString& suggestedName);
} // namespace Exporter

} // namespace RagScope
