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

    /// The rows, oldest interaction first.
    Result<QList<DatasetRow>> rows(const std::optional<SavedQueue>& queue) const;
    /// Writes the rows to `path`; returns how many.
    Result<qint64> write(const std::optional<SavedQueue>& queue, Format format, const QString& path) const;

    /// A row as the JSON object of one JSON Lines record.
    static QJsonObject toJson(const DatasetRow& row);
    static QStringList csvColumns();

private:
    StorePtr m_store;
};

} // namespace RagScope
