#pragma once

#include "feedbacktypes.h"
#include "metrics/filter.h"
#include "store/store.h"

namespace RagScope {

/// What a review queue lists: low-rated (user rating ≤ 2), low-confidence (< 0.6), or either.
struct ReviewQueueQuery
{
    /// Which answers: low-rated, low-confidence, either, or all (a drill-down from a bar whose
    /// own filter, a rating or a confidence bucket, says which).
    enum class Kind { LowRated, LowConfidence, Either, All };
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
    /// The confidence bucket of the "none" bar: interactions without a score.
    static constexpr int NoScoreBucket = 10;
    std::optional<int> confidenceBucket; ///< only this confidence bucket 0…9, or NoScoreBucket (drill-down)
    std::optional<double> minConfidence; ///< only scores ≥ this (0…1); unscored rows drop out
    std::optional<double> maxConfidence; ///< only scores ≤ this (0…1); unscored rows drop out
    /// Only interactions where a reviewer's verdict in force (their newest) has this label, as
    /// the Quality page's reviewers' labels chart counts them; empty: any.
    QString label;
    /// A rolling window: the last N days up to when the list is read (a saved queue's "last 7
    /// days" stays relative); it replaces filter.from/to. See resolvedAt().
    std::optional<int> lastDays;
    SortKey sort = SortKey::CreatedAt;
    bool descending = true;
    bool operator==(const ReviewQueueQuery&) const = default;

    static constexpr int MaxLastDays = 3660;
    /// This query with a rolling window turned into the fixed one [now - N days, now).
    ReviewQueueQuery resolvedAt(const QDateTime& now) const;
};

/// A stretch of the queue with the cursors of its own first and last rows: reading from
/// `first` through `last` again gives the same rows, whatever was added before or after them.
struct QueueSlice
{
    QList<InteractionSummary> rows;
    QString first; ///< cursor of the first row (empty when there are no rows)
    QString last; ///< cursor of the last row: the next slice starts after it
    bool atEnd = true; ///< no row follows in the queue
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
    /// Like fetch(), with the cursors of the slice's own first and last rows.
    Result<QueueSlice> fetchSlice(const ReviewQueueQuery& query, int limit, const QString& after = {}) const;
    /// The rows from cursor `first` through cursor `last` (both included), at most `limit`:
    /// a slice read again by keyset, bounded at both ends so it never takes in its neighbours.
    Result<QueueSlice> fetchBetween(
        const ReviewQueueQuery& query, const QString& first, const QString& last, int limit) const;
    /// Full detail of one interaction, with the end user's feedback and the latest reviews.
    Result<InteractionDetail> detail(const QUuid& interactionId) const;

private:
    struct Bounds
    {
        QString after; ///< exclusive
        QString from; ///< inclusive
        QString through; ///< inclusive
    };
    Result<QueueSlice> read(const ReviewQueueQuery& query, int limit, const Bounds& bounds) const;

    StorePtr m_store;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::ReviewQueueQuery)
