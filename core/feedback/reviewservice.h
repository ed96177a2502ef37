#pragma once

#include "feedbacktypes.h"
#include "store/store.h"

namespace RagScope {

/// A verdict to save: a reviewer's, or an adjudicator's final one, possibly within a queue.
struct ReviewInput
{
    QUuid interactionId;
    QString reviewer;
    int rating = 0;
    QString label;
    QString comment;
    QUuid queueId; ///< the saved queue it is made in (null: none); needs schema version 6
    bool adjudication = false; ///< the final verdict on a disagreement; needs a queue
    std::optional<int> secondsSpent; ///< time spent on the item, for the queue's progress
};

/// Quality reviewers' verdicts in RagScope's own table: every save is a new row (history);
/// the end user's feedback is never touched. Blocking: call it from a worker thread.
class ReviewService
{
public:
    explicit ReviewService(StorePtr store);

    /// Same rules as end users' feedback (contract §4), plus a reviewer name (1–255 chars)
    /// and an optional label (≤ 100 chars). Errors: InvalidInput, NotFound, PermissionDenied.
    Result<Review> save(const QUuid& interactionId, const QString& reviewer, int rating, const QString& label,
        const QString& comment) const;
    /// save() with a queue, an adjudication or the seconds spent (schema version 6).
    Result<Review> save(const ReviewInput& input) const;
    /// Undoes `reviewer`'s newest save on the interaction if it is at most `window` old: a new
    /// history row (kind 'undo') that cancels it, so the verdict before it counts again.
    /// NotFound when there is nothing that recent to undo.
    Result<Review> undoLast(
        const QUuid& interactionId, const QString& reviewer, int windowSeconds = 60) const;
    /// The condition that keeps only verdicts in force in alias `r` (not an undo, not undone);
    /// "1 = 1" on a store older than schema version 6.
    static QString inForce(const Store& store, const QString& alias);
    /// The columns reviewAt() reads, of ragscope_reviews aliased r (queue and kind: NULL and
    /// 'review' on a store older than schema version 6).
    static QString columns(const Store& store);
    /// The review in the current row of a query that selects columns() first.
    static Review reviewAt(const QSqlQuery& q);

    /// Every review of an interaction, newest first.
    Result<QList<Review>> history(const QUuid& interactionId) const;
    /// The newest review in force per reviewer, newest first (adjudications included).
    Result<QList<Review>> latestPerReviewer(const QUuid& interactionId) const;

private:
    StorePtr m_store;
};

} // namespace RagScope
