#pragma once

#include "reviewtypes.h"
#include "store/store.h"

namespace RagScope {

/// Agreement between a queue's reviewers, the items they disagree on, and the adjudicator's
/// final verdicts. Blocking: call it from a worker thread.
class QueueAgreementService
{
public:
    /// Below this many shared items κ and α are shown with a note: they swing with every verdict.
    static constexpr int MinimumOverlap = 10;

    explicit QueueAgreementService(StorePtr store);

    /// κ (quadratic weights) per reviewer pair over the items both reviewed, and ordinal α over
    /// every item with two or more verdicts; adjudications are not a reviewer and do not count.
    Result<QueueAgreement> agreement(const SavedQueue& queue) const;
    /// Items whose reviewers' ratings lie 2 or more apart or whose labels differ (no label
    /// counts as a label of its own), in the queue's order, with any adjudication.
    Result<QList<Disagreement>> disagreements(const SavedQueue& queue) const;
    /// Records the adjudicator's final verdict on an item of the queue (a history row of kind
    /// 'adjudication'; the newest one is final). Same rules as a review.
    Result<Review> adjudicate(const SavedQueue& queue, const QUuid& interactionId, const QString& adjudicator,
        int rating, const QString& label, const QString& comment) const;

    /// Whether an item's verdicts disagree by the rule above.
    static bool disagree(const QList<Review>& verdicts);

private:
    StorePtr m_store;
};

} // namespace RagScope
