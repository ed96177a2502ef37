#pragma once

#include "feedbacktypes.h"
#include "store/store.h"

namespace RagScope {

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
    /// Every review of an interaction, newest first.
    Result<QList<Review>> history(const QUuid& interactionId) const;
    /// The newest review per reviewer, newest first.
    Result<QList<Review>> latestPerReviewer(const QUuid& interactionId) const;

private:
    StorePtr m_store;
};

} // namespace RagScope
