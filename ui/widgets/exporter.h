#pragma once

#include "export/csvwriter.h"
#include "feedback/reviewqueue.h"

#include <QString>

class QWidget;

namespace RagScope {

class CsvExportJob;

/// Saving what a page shows: a chart as an image, a table as CSV for machines (raw values,
/// ids, every row of the query; see core/export).
namespace Exporter {
/// Asks for an image file name (PNG or SVG, by the chosen type) and the resolution (1× or 2×,
/// remembered in QSettings); an empty path when the user cancels.
QString askImagePath(QWidget* parent, const QString& suggestedName, int* scale);

/// Asks for a CSV file name, with the "byte order mark" choice (remembered in QSettings,
/// off by default); an empty path when the user cancels.
QString askCsvPath(QWidget* parent, const QString& suggestedName, CsvOptions* options);
/// Asks for a file name and writes a small in-memory table (a chart panel's data).
void exportTableCsv(QWidget* parent, const CsvTable& table, const QString& suggestedName);
/// Asks for a file name and exports every row of `query` off the GUI thread, with a progress
/// dialog and Cancel. Returns the running job (its signals tell how it ended), or null.
CsvExportJob* exportReviewQueueCsv(
    QWidget* parent, StorePtr store, const ReviewQueueQuery& query, const QString& suggestedName);
} // namespace Exporter

} // namespace RagScope
