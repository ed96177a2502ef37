#pragma once

#include "feedbacktypes.h"
#include "metrics/metricstypes.h"
#include "store/store.h"

namespace RagScope {

/// End users' feedback (chat_feedbacks): validate, upsert (one row per interaction, same id
/// on resubmit, also under concurrent submits), read, and the low-rated / low-confidence
/// lists newest first with keyset paging. Blocking: call it from a worker thread.
class FeedbackService
{
public:
    explicit FeedbackService(StorePtr store);

    /// Validates (rating 1–5, comment ≤ 2000 characters, interaction exists) and upserts.
    /// Errors: InvalidInput, NotFound (no such interaction), PermissionDenied, store errors.
    Result<Feedback> submit(const QUuid& interactionId, int rating, const QString& comment) const;

    Result<std::optional<Feedback>> byId(const QUuid& id) const;
    Result<std::optional<Feedback>> byInteraction(const QUuid& interactionId) const;
    /// The user's feedback, newest first.
    Result<QList<Feedback>> byUser(const QString& userId, int limit) const;

    /// Interactions whose feedback rating ≤ 2, newest first. `cursor` is a previous page's nextCursor.
    Result<Page<InteractionSummary>> lowRated(int limit, const QString& cursor = {}) const;
    /// Interactions with confidence_score < 0.6, newest first.
    Result<Page<InteractionSummary>> lowConfidence(int limit, const QString& cursor = {}) const;

    /// Histogram, mean and feedback rate over a window (same as MetricsCollector::ratings).
    Result<RatingSummary> summary(const Filter& filter) const;

    /// Done if the interaction exists, else NotFound (shared by feedback and reviews).
    static Status requireInteraction(const Store& store, const QUuid& interactionId);

private:
    StorePtr m_store;
};

} // namespace RagScope
