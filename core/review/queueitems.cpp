#include "queueitems.h"

#include "queuesample.h"

namespace RagScope {

QueueItems::QueueItems(StorePtr store, SavedQueue queue, const QDateTime& now)
    : m_store(std::move(store))
    , m_queue(std::move(queue))
{
    m_queue.query = m_queue.query.resolvedAt(now.isValid() ? now : QDateTime::currentDateTimeUtc());
}

Status QueueItems::scan(const std::function<Result<bool>(const QList<QUuid>& page)>& page, int pageSize) const
{
    ReviewQueueQuery query = m_queue.query;
    query.unreviewedOnly = false; // a queue counts its own reviews (k per item), not anyone's
    const ReviewQueue reader(m_store);
    QString cursor;
    for (;;) {
        RAGSCOPE_TRY(rows, reader.fetch(query, pageSize, cursor));
        QList<QUuid> ids;
        for (const InteractionSummary& row : rows.rows) {
            if (!m_queue.sampleBasisPoints
                || QueueSample::contains(m_queue.sampleSeed, *m_queue.sampleBasisPoints, row.id))
                ids << row.id;
        }
        if (!ids.isEmpty()) {
            RAGSCOPE_TRY(more, page(ids));
            if (!more)
                return Done {};
        }
        if (rows.atEnd())
            return Done {};
        cursor = rows.nextCursor;
    }
}

Result<QList<QUuid>> QueueItems::all() const
{
    QList<QUuid> items;
    const Status scanned = scan([&](const QList<QUuid>& page) -> Result<bool> {
        items += page;
        return true;
    });
    if (!scanned.ok())
        return scanned.error();
    return items;
}

} // namespace RagScope
