#pragma once

#include "feedback/feedbacktypes.h"
#include "snapshotinfo.h"
#include "store/store.h"

namespace RagScope {

/// What pushing a snapshot's reviews into a store changes (or changed).
struct ReviewPush
{
    QList<Review> added; ///< reviews made in the snapshot that the store does not have yet
    qint64 alreadyInStore = 0; ///< reviews the store has (exported with the snapshot, or pushed before)
    QList<Review> skippedDeleted; ///< their interaction was deleted from the store since
    /// Interactions among `added` that were also reviewed in the store after the export:
    /// both sides' verdicts are kept as history, the newest per reviewer wins.
    qint64 reviewedOnBothSides = 0;
    /// Why the store does not look like the snapshot's source (empty when it does).
    QString sourceMismatch;
    bool applied = false; ///< false for a preview
};

/// Applies the reviews made offline in a snapshot to the store it was exported from. Reviews
/// carry stable ids (ragscope_reviews.id travels with the snapshot), so a push inserts only the
/// ids the store lacks: idempotent, history on both sides kept, nothing ever updated or deleted,
/// end users' feedback (chat_feedbacks) never touched. A review made in one of the snapshot's
/// saved queues keeps its queue, kind (verdict, adjudication, undo) and seconds spent. Blocking: call it from
/// a worker thread.
class ReviewPusher
{
public:
    ReviewPusher(StorePtr snapshot, StorePtr store)
        : m_snapshot(std::move(snapshot))
        , m_store(std::move(store))
    { }

    /// What a push would change; writes nothing.
    Result<ReviewPush> preview() const;
    /// Pushes in one transaction. A store that is not the snapshot's source (or a file without
    /// snapshot metadata) is refused unless `force`.
    Result<ReviewPush> push(bool force) const;

private:
    /// A review as the snapshot holds it, with what team review adds to the row.
    struct SnapshotReview
    {
        Review review;
        QString kind; ///< review, adjudication or undo (empty: a snapshot without kinds)
        QUuid undoes;
        QVariant secondsSpent;
    };

    Result<QList<SnapshotReview>> snapshotReviews() const;
    Result<QString> checkSource() const;
    Status classify(const QList<SnapshotReview>& reviews, const QDateTime& exportedAt, ReviewPush* push,
        bool write) const;

    StorePtr m_snapshot;
    StorePtr m_store;
};

} // namespace RagScope
