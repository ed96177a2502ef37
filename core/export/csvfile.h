#pragma once

#include "base/result.h"
#include "csvwriter.h"

#include <functional>

namespace RagScope {

/// How a long export reports progress (rows done of total) and learns that it should stop.
/// Both are optional; they are called on the exporting thread.
struct CsvExportControl
{
    std::function<void(qint64 done, qint64 total)> progress;
    std::function<bool()> isCancelled;

    void report(qint64 done, qint64 total) const
    {
        if (progress)
            progress(done, total);
    }
    bool cancelled() const { return isCancelled && isCancelled(); }
};

/// What an export wrote: its data rows, or nothing at all when it was cancelled.
struct CsvExportSummary
{
    qint64 rows = 0;
    bool cancelled = false;
};

/// CSV files written atomically (QSaveFile): a file appears only complete; a failed or
/// cancelled export leaves no file and keeps an older file of the same name as it was.
namespace CsvFile {
/// Writes the rows the body writes, the header first. The body returns how many rows it wrote
/// and whether it was cancelled; on cancellation or error nothing is written.
using RowsBody = std::function<Result<CsvExportSummary>(CsvWriter& writer)>;
Result<CsvExportSummary> write(
    const QString& path, CsvOptions options, const QStringList& columns, const RowsBody& body);
/// Writes a table held in memory.
Result<CsvExportSummary> write(const QString& path, CsvOptions options, const CsvTable& table);
} // namespace CsvFile

} // namespace RagScope
