#pragma once

#include "export/csvfile.h"
#include "reviewtypes.h"
#include "store/store.h"

#include <QJsonObject>

namespace RagScope {

/// One interaction of a reviewed dataset: what was asked and answered, its metrics, the end
/// user's feedback, every reviewer's verdict in force and the final verdict.
struct DatasetRow
{
    InteractionDetail detail;
    QList<Review> verdicts; ///< each reviewer's verdict in force, by reviewer
    std::optional<Review> final; ///< the adjudication, else the newest of `verdicts`
    bool adjudicated = false;
};

/// Reviewed interactions out of RagScope, for evaluation sets or fine-tuning: a queue's items
/// with verdicts in that queue, or (no queue) every interaction with a review in force.
/// JSON Lines (one object per interaction) or CSV (the verdicts list as a JSON text column);
/// files are written atomically. Blocking.
class ReviewDataset
{
public:
    enum class Format { JsonLines, Csv };

    explicit ReviewDataset(StorePtr store);

    /// The rows, oldest interaction first. `control` hears interactions read of the total and
    /// may cancel (then the summary's rows are empty and it says so).
    Result<QList<DatasetRow>> rows(const std::optional<SavedQueue>& queue,
        const CsvExportControl& control = {}, bool* cancelled = nullptr) const;
    /// Writes the rows to `path`, replaced only when complete: a cancelled or failed export
    /// leaves no file and an older one as it was. Returns how many rows, or that it was cancelled.
    Result<CsvExportSummary> write(const std::optional<SavedQueue>& queue, Format format, const QString& path,
        const CsvExportControl& control = {}) const;

    /// A row as the JSON object of one JSON Lines record.
    static QJsonObject toJson(const DatasetRow& row);
    static QStringList csvColumns();

private:
    StorePtr m_store;
};

} // namespace RagScope
