#include "queueverdicts.h"

#include "feedback/reviewservice.h"
#include "store/sqldialect.h"

namespace RagScope::QueueVerdicts {

Result<QHash<QUuid, ItemVerdicts>> read(const Store& store, const QUuid& queueId)
{
    const SqlDialect d(store.dialect());
    // Oldest first, so a later row of the same reviewer replaces an earlier one.
    RAGSCOPE_TRY(q,
        store.exec(QStringLiteral("SELECT %1, r.seconds_spent FROM ragscope_reviews r WHERE r.queue_id = %2"
                                  " AND %3 ORDER BY r.created_at, r.id")
                       .arg(ReviewService::columns(store), d.uuidParam(),
                           ReviewService::inForce(store, QStringLiteral("r"))),
            { d.bindUuid(queueId) }));
    QHash<QUuid, ItemVerdicts> items;
    while (q.next()) {
        const Review r = ReviewService::reviewAt(q);
        ItemVerdicts& item = items[r.interactionId];
        if (r.adjudication) {
            item.adjudication = r;
            continue;
        }
        const QueueVerdict verdict { r,
            q.value(9).isNull() ? std::nullopt : std::optional<int>(q.value(9).toInt()) };
        auto at = std::lower_bound(item.byReviewer.begin(), item.byReviewer.end(), r.reviewer,
            [](const QueueVerdict& v, const QString& name) { return v.review.reviewer < name; });
        if (at != item.byReviewer.end() && at->review.reviewer == r.reviewer)
            *at = verdict;
        else
            item.byReviewer.insert(at, verdict);
    }
    return items;
}

} // namespace RagScope::QueueVerdicts
