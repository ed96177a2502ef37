#include "queueverdicts.h"

#include "feedback/reviewservice.h"
#include "store/sqldialect.h"

namespace RagScope::QueueVerdicts {

Result<QHash<QUuid, ItemVerdicts>> read(const Store& store, const QUuid& queueId)
{
    const SqlDialect d(store.dialect());
    // Oldest first, so a later row of the same reviewer replaces an earlier one.
    RAGSCOPE_TRY(q,
        store.exec(
            QStringLiteral("SELECT r.id, r.interaction_id, r.reviewer, r.rating, r.label, r.comment, %1,"
                           " r.kind, r.seconds_spent FROM ragscope_reviews r WHERE r.queue_id = %2 AND %3"
                           " ORDER BY r.created_at, r.id")
                .arg(d.timeText(QStringLiteral("r.created_at")), d.uuidParam(),
                    ReviewService::inForce(store, QStringLiteral("r"))),
            { d.bindUuid(queueId) }));
    QHash<QUuid, ItemVerdicts> items;
    while (q.next()) {
        Review r;
        r.id = QUuid::fromString(q.value(0).toString());
        r.interactionId = QUuid::fromString(q.value(1).toString());
        r.reviewer = q.value(2).toString();
        r.rating = q.value(3).toInt();
        r.label = q.value(4).toString();
        r.comment = q.value(5).toString();
        r.createdAt = SqlDialect::parseTime(q.value(6).toString());
        r.queueId = queueId;
        r.adjudication = q.value(7).toString() == QLatin1String("adjudication");
        ItemVerdicts& item = items[r.interactionId];
        if (r.adjudication) {
            item.adjudication = r;
            continue;
        }
        const QueueVerdict verdict { r,
            q.value(8).isNull() ? std::nullopt : std::optional<int>(q.value(8).toInt()) };
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
