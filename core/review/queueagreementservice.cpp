#include "queueagreementservice.h"

#include "agreementmath.h"
#include "feedback/reviewqueue.h"
#include "feedback/reviewservice.h"
#include "queueitems.h"
#include "queueverdicts.h"

#include <QMap>
#include <QSet>

#include <limits>

#include <algorithm>

namespace RagScope {

QueueAgreementService::QueueAgreementService(StorePtr store)
    : m_store(std::move(store))
{ }

bool QueueAgreementService::disagree(const QList<Review>& verdicts)
{
    if (verdicts.size() < 2)
        return false;
    const auto [low, high] = std::minmax_element(verdicts.cbegin(), verdicts.cend(),
        [](const Review& a, const Review& b) { return a.rating < b.rating; });
    if (high->rating - low->rating >= 2)
        return true;
    QSet<QString> labels;
    for (const Review& r : verdicts)
        labels.insert(r.label);
    return labels.size() > 1;
}

Result<QueueAgreement> QueueAgreementService::agreement(const SavedQueue& queue) const
{
    RAGSCOPE_TRY(items, QueueItems(m_store, queue).all());
    RAGSCOPE_TRY(verdicts, QueueVerdicts::read(*m_store, queue.id));
    // reviewer → item → rating, over the queue's items only
    QMap<QString, QHash<QUuid, int>> ratings;
    QueueAgreement result;
    QList<QList<int>> units;
    for (const QUuid& id : std::as_const(items)) {
        const ItemVerdicts item = verdicts.value(id);
        QList<int> unit;
        for (const QueueVerdict& v : item.byReviewer) {
            ratings[v.review.reviewer].insert(id, v.review.rating);
            unit << v.review.rating;
        }
        if (unit.size() >= 2) {
            ++result.alphaItems;
            result.alphaValues += int(unit.size());
            units << unit;
        }
    }
    const QStringList names = ratings.keys();
    int fewest = std::numeric_limits<int>::max();
    for (qsizetype a = 0; a < names.size(); ++a) {
        for (qsizetype b = a + 1; b < names.size(); ++b) {
            const QHash<QUuid, int>& first = ratings[names[a]];
            const QHash<QUuid, int>& second = ratings[names[b]];
            QList<std::pair<int, int>> pairs;
            for (auto it = first.cbegin(); it != first.cend(); ++it) {
                if (const auto other = second.constFind(it.key()); other != second.cend())
                    pairs.append({ it.value(), other.value() });
            }
            result.pairs << PairAgreement { names[a], names[b], int(pairs.size()),
                AgreementMath::quadraticKappa(pairs) };
            fewest = std::min(fewest, int(pairs.size()));
        }
    }
    result.alpha = AgreementMath::ordinalAlpha(units);
    if (names.size() < 2)
        result.note = QStringLiteral("agreement needs two reviewers with verdicts in this queue");
    else if (result.alphaItems < MinimumOverlap || fewest < MinimumOverlap)
        result.note
            = QStringLiteral("few items overlap (%1 with two or more verdicts, the fewest for a pair %2;"
                             " %3 are needed for figures to be stable): read them with care")
                  .arg(result.alphaItems)
                  .arg(fewest)
                  .arg(MinimumOverlap);
    return result;
}

Result<QList<Disagreement>> QueueAgreementService::disagreements(const SavedQueue& queue) const
{
    RAGSCOPE_TRY(items, QueueItems(m_store, queue).all());
    RAGSCOPE_TRY(verdicts, QueueVerdicts::read(*m_store, queue.id));
    const ReviewQueue reader(m_store);
    QList<Disagreement> list;
    for (const QUuid& id : std::as_const(items)) {
        const ItemVerdicts item = verdicts.value(id);
        QList<Review> reviews;
        for (const QueueVerdict& v : item.byReviewer)
            reviews << v.review;
        if (!disagree(reviews))
            continue;
        RAGSCOPE_TRY(detail, reader.detail(id));
        list << Disagreement { id, detail.query.left(200), reviews, item.adjudication };
    }
    return list;
}

Result<Review> QueueAgreementService::adjudicate(const SavedQueue& queue, const QUuid& interactionId,
    const QString& adjudicator, int rating, const QString& label, const QString& comment) const
{
    return ReviewService(m_store).save(
        ReviewInput { interactionId, adjudicator, rating, label, comment, queue.id, true, std::nullopt });
}

} // namespace RagScope
