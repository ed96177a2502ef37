#pragma once

#include "base/result.h"
#include "rollupplan.h"
#include "store/store.h"

#include <QHash>
#include <QMutex>
#include <QVariant>

#include <array>
#include <functional>
#include <future>

namespace RagScope {

/// The raw reads of a window's edges (RollupPlan::edges: the open hour, a partial first bucket),
/// each made once and shared by every answer that needs it. A dashboard refresh asks a dozen
/// questions of one window, and each read its edges raw again: the open hour of a busy store
/// (~4,000 rows, each probing its feedback) ten times per refresh was most of the refresh. One
/// object per refresh (the main window renews it with the refresh, the store, the filter and the
/// rollups; MetricsCollector makes one per call when given none), so nothing is read staler than
/// the refresh that shows it, and every page of one refresh shows the same rows.
/// Thread-safe: the pages' jobs run at once on the database threads, and a read in flight is
/// waited for rather than made twice. A failed read is not kept; whoever needs it reads again.
/// One store per object.
class EdgeReads
{
public:
    /// An edge's rows of one UTC day, model and rating, summed.
    struct Group
    {
        QString day; ///< YYYY-MM-DD
        QVariant model; ///< null: rows without a model
        int rating = 0; ///< 1–5, 0: no feedback
        QVariantList sums; ///< RollupSql::sumColumnNames() in order, feedback columns included
    };
    /// One raw row's latencies: created_at text (SqlDialect::timeText()), then total, retrieval and
    /// generation (NULL: an invalid QVariant).
    struct Latencies
    {
        QString createdAt;
        std::array<QVariant, 3> values;
    };

    /// Whether a caller needs the edge's feedback (the rating of each group, the feedback columns).
    /// Probing each raw row's feedback is most of an edge's cost: a caller that skips it is given
    /// the read with feedback when one was made, else one without (every group rating 0, feedback
    /// columns 0).
    enum class Feedback { Read, Skip };
    /// `edge`'s rows (its window and filter) grouped by day, model and feedback rating.
    Result<QList<Group>> groups(const Store& store, const RollupEdge& edge, Feedback feedback);
    /// `edge`'s rows' latencies, for sketches that merge them with the rollups' sketches.
    Result<QList<Latencies>> latencies(const Store& store, const RollupEdge& edge);

private:
    template <typename T> using Reads = QHash<QString, std::shared_future<Result<T>>>;
    template <typename T>
    Result<T> once(Reads<T>* reads, const QString& key, const std::function<Result<T>()>& read);

    QMutex m_mutex;
    Reads<QList<Group>> m_rated;
    Reads<QList<Group>> m_unrated;
    Reads<QList<Latencies>> m_latencies;
};

} // namespace RagScope
