#pragma once

#include "feedback/reviewservice.h"
#include "reviewtypes.h"
#include "store/store.h"

#include <functional>

namespace RagScope {

/// Reviewers working a saved queue together: "next item" hands out an item that still needs
/// reviews and reserves it (a lease in ragscope_review_leases) until saved, skipped or
/// expired, so no item gets more than the queue's k reviewers at once. Claims of one queue are
/// serialised in the store: PostgreSQL locks the queue's row (SELECT … FOR UPDATE) for the
/// few milliseconds a claim takes, SQLite takes its write lock up front (BEGIN IMMEDIATE).
/// Blocking: call it from a worker thread.
class ClaimService
{
public:
    using Clock = std::function<QDateTime()>;
    /// `clock` gives the current UTC time (leases start and expire by it); default: the system's.
    explicit ClaimService(StorePtr store, Clock clock = {});

    /// The reviewer's current lease if they hold one (renewed), else the first item in queue
    /// order that this reviewer has neither reviewed nor skipped and that fewer than k
    /// reviewers have reviewed or hold; none when the queue has nothing left for them.
    Result<std::optional<Claim>> claimNext(const SavedQueue& queue, const QString& reviewer) const;
    /// Lets the item go; it is not offered to this reviewer again (it counts toward nobody's k).
    Status skip(const SavedQueue& queue, const QUuid& interactionId, const QString& reviewer) const;
    /// Saves the reviewer's verdict in the queue and releases their lease, in one transaction.
    Result<Review> save(const SavedQueue& queue, ReviewInput input) const;
    /// The verdicts on an item that `reviewer` may see: in a blind queue only their own until
    /// they have saved one in it; then everyone's (newest in force per reviewer).
    Result<QList<Review>> visibleReviews(
        const SavedQueue& queue, const QUuid& interactionId, const QString& reviewer) const;
    /// Who holds a live lease on the item (for tests and the progress view).
    Result<QStringList> holders(const SavedQueue& queue, const QUuid& interactionId) const;

private:
    QDateTime now() const;

    StorePtr m_store;
    Clock m_clock;
};

} // namespace RagScope
