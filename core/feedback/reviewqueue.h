#pragma once

#include "feedbacktypes.h"
#include "metrics/filter.h"
#include "store/store.h"

namespace RagScope {

/// What a review queue lists: low-rated (user rating ≤ 2), low-confidence (< 0.6), or either.
struct ReviewQueueQuery
{
    enum class Kind { LowRated, LowConfidence, Either };
    enum class SortKey { CreatedAt, Confidence, UserRating, Latency, Cost };
    /// Whose created_at the filter's window applies to.
    enum class WindowOn {
        Interaction,
        Feedback ///< the end user's feedback (how ratings are counted): unrated rows drop out
    };

    Kind kind = Kind::Either;
    Filter filter; ///< window (an invalid end is open) on `windowOn`'s created_at; user, model
    WindowOn windowOn = WindowOn::Interaction;
    QString search; ///< case-insensitive substring of query or answer (bound, never spliced)
    bool unreviewedOnly = false; ///< only interactions without any reviewer's review
    std::optional<int> userRating; ///< only this end-user rating (Quality page drill-down)
    std::optional<int> confidenceBucket; ///< only this confidence bucket 0…9 (drill-down)
    SortKey sort = SortKey::CreatedAt;
    bool descending = true;
    bool operator==(const ReviewQueueQuery&) const = default;
};

/// Keyset-paged review queue: each page is one indexed range scan from the cursor on,
/// never OFFSET, so scrolling through a million rows costs the same per page.
class ReviewQueue
{
public:
    explicit ReviewQueue(StorePtr store);

    /// Up to `limit` rows after `cursor` (empty: from the start). Blocking.
    Result<Page<InteractionSummary>> fetch(
        const ReviewQueueQuery& query, int limit, const QString& cursor = {}) const;
    /// Full detail of one interaction, with the end user's feedback and the latest reviews.
    Result<InteractionDetail> detail(const QUuid& interactionId) const;

private:
    StorePtr m_store;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::ReviewQueueQuery)
