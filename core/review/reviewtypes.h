#pragma once

#include "feedback/reviewqueue.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>

namespace RagScope {

/// A label reviewers may give (ragscope_review_labels): shared by the whole team.
struct ReviewLabel
{
    QString name; ///< what is stored with a review (1–100 characters)
    QString description;
    QString colour = QStringLiteral("#808080"); ///< #RRGGBB
    QString shortcutKey; ///< one character, or empty
    bool operator==(const ReviewLabel&) const = default;
};

/// The shared labels and the wording of ratings 1–5, and where they came from.
struct LabelSet
{
    QList<ReviewLabel> labels;
    QStringList ratingWording; ///< five entries, for ratings 1…5
    /// False when the store has no shared labels for this role (read-only role without the
    /// table, a snapshot of an older store): the caller's fallback (settings) was used.
    bool fromStore = false;
};

/// A saved queue (ragscope_review_queues): a named filter with a goal.
struct SavedQueue
{
    QUuid id;
    QString name;
    QString goal; ///< in words, e.g. "every low-rated answer of the last 7 days"
    ReviewQueueQuery query; ///< the Review page's filters
    /// A reproducible sample of this many 1/10000ths of the matching items (2% = 200); none: all.
    std::optional<int> sampleBasisPoints;
    QString sampleSeed;
    int reviewsPerItem = 1; ///< k independent reviews per item
    bool blind = true; ///< a reviewer sees others' verdicts on an item only after saving their own
    int leaseSeconds = 900;
    QString createdBy;
    QDateTime createdAt;
};

/// An item handed to a reviewer from a queue, reserved for them until `expiresAt`.
struct Claim
{
    QUuid queueId;
    QUuid interactionId;
    QString reviewer;
    QDateTime claimedAt;
    QDateTime expiresAt;
};

/// How far a queue is, for the whole team and per reviewer.
struct ReviewerProgress
{
    QString reviewer;
    qint64 reviewed = 0; ///< items with this reviewer's verdict in the queue
    qint64 today = 0; ///< of them, saved since the start of today (UTC)
    qint64 thisWeek = 0; ///< saved since Monday (UTC)
    std::optional<double> medianSeconds; ///< median seconds per item (saves that recorded it)
};
struct QueueProgress
{
    qint64 total = 0; ///< items in the queue (after the sample)
    qint64 complete = 0; ///< items with k reviewers' verdicts (or an adjudication)
    qint64 started = 0; ///< items with at least one verdict
    QList<ReviewerProgress> reviewers; ///< by reviewer name
};

/// Weighted Cohen's κ of one reviewer pair over the items both reviewed.
struct PairAgreement
{
    QString first, second;
    int items = 0; ///< items both reviewed
    std::optional<double> kappa; ///< none when undefined (no items, or no spread in the ratings)
};

/// Agreement of a queue's reviewers on the rating: κ per pair (quadratic weights) and
/// Krippendorff's α (ordinal) across all reviewers.
struct QueueAgreement
{
    QList<PairAgreement> pairs;
    std::optional<double> alpha;
    int alphaItems = 0; ///< items with at least two verdicts (the ones α counts)
    int alphaValues = 0; ///< verdicts on those items
    QString note; ///< e.g. too few items overlap to trust the figures; empty when fine
};

/// An item on which the reviewers of a queue disagree (ratings ≥ 2 apart, or labels differ).
struct Disagreement
{
    QUuid interactionId;
    QString queryPreview;
    QList<Review> verdicts; ///< each reviewer's effective verdict
    std::optional<Review> adjudication; ///< the adjudicator's final verdict, once recorded
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::LabelSet)
Q_DECLARE_METATYPE(RagScope::SavedQueue)
Q_DECLARE_METATYPE(RagScope::QueueProgress)
Q_DECLARE_METATYPE(RagScope::QueueAgreement)
