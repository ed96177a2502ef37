#include "claimservice.h"

#include "base/performancemonitor.h"
#include "feedback/feedbackrules.h"
#include "queueitems.h"
#include "savedqueuestore.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace RagScope {

namespace {

/// Where the items of one page stand in a queue.
struct ItemState
{
    QSet<QString> reviewed; ///< reviewers with a verdict in force in this queue
    QSet<QString> claimed; ///< reviewers holding a live lease
    QSet<QString> skipped;
    bool adjudicated = false;
};

QString placeholders(const SqlDialect& d, qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << d.uuidParam();
    return marks.join(QLatin1String(", "));
}

// One statement, so one snapshot: a save commits the verdict before it drops the lease, so
// any snapshot sees the saving reviewer at least once (two reads could miss both).
Result<QHash<QUuid, ItemState>> itemStates(
    const Store& store, const SqlDialect& d, const QUuid& queueId, const QList<QUuid>& ids)
{
    QVariantList idValues;
    for (const QUuid& id : ids)
        idValues << d.bindUuid(id);
    const QVariantList values
        = QVariantList { d.bindUuid(queueId) } + idValues + QVariantList { d.bindUuid(queueId) } + idValues;
    RAGSCOPE_TRY(rows,
        store.exec(QStringLiteral(
                       "SELECT r.interaction_id, r.reviewer,"
                       " CASE WHEN r.kind = 'adjudication' THEN 'a' ELSE 'r' END"
                       " FROM ragscope_reviews r WHERE r.queue_id = %1 AND %2 AND r.interaction_id IN (%3)"
                       " UNION ALL SELECT l.interaction_id, l.reviewer,"
                       " CASE WHEN l.state = 'skipped' THEN 's' ELSE 'c' END"
                       " FROM ragscope_review_leases l WHERE l.queue_id = %1 AND l.interaction_id IN (%3)")
                       .arg(d.uuidParam(), ReviewService::inForce(store, QStringLiteral("r")),
                           placeholders(d, ids.size())),
            values));
    QHash<QUuid, ItemState> states;
    while (rows.next()) {
        ItemState& s = states[QUuid::fromString(rows.value(0).toString())];
        const QString reviewer = rows.value(1).toString();
        switch (rows.value(2).toString().at(0).toLatin1()) {
        case 'a':
            s.adjudicated = true;
            break;
        case 'r':
            s.reviewed.insert(reviewer);
            break;
        case 's':
            s.skipped.insert(reviewer);
            break;
        default:
            s.claimed.insert(reviewer);
        }
    }
    return states;
}

Status checkWriter(const Store& writer)
{
    if (const Status schema = SavedQueueStore::requireQueues(writer); !schema.ok())
        return schema;
    if (writer.isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::ClaimService", "cannot work the queue: %1")
                .arg(writer.readOnlyReason()));
    return Done {};
}

} // namespace

ClaimService::ClaimService(StorePtr store, Clock clock)
    : m_store(std::move(store))
    , m_clock(std::move(clock))
{ }

QDateTime ClaimService::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

Result<std::optional<Claim>> ClaimService::claimNext(const SavedQueue& queue, const QString& reviewer) const
{
    if (const Status rule = FeedbackRules::validateReviewer(reviewer); !rule.ok())
        return rule.error();
    const StorePtr writer = m_store->writer();
    if (const Status ok = checkWriter(*writer); !ok.ok())
        return ok.error();
    PerformanceMonitor perf(QStringLiteral("claim next item"));
    const SqlDialect d(writer->dialect());
    std::optional<Claim> claim;
    const Status done = writer->transaction([&]() -> Status {
        // One claimer of this queue at a time (SQLite: the transaction already holds the write lock).
        if (d.isPostgres()) {
            RAGSCOPE_TRY(locked,
                writer->exec(QStringLiteral("SELECT id FROM ragscope_review_queues WHERE id = %1 FOR UPDATE")
                                 .arg(d.uuidParam()),
                    { d.bindUuid(queue.id) }));
            if (!locked.next())
                return makeError(ErrorKind::NotFound,
                    QCoreApplication::translate("RagScope::ClaimService", "the queue \"%1\" is gone")
                        .arg(queue.name));
        }
        const QDateTime start = now();
        const QDateTime expires = start.addSecs(queue.leaseSeconds);
        // Expired leases are released here, before anyone counts them.
        if (const auto expired
            = writer->exec(QStringLiteral("DELETE FROM ragscope_review_leases WHERE queue_id = %1"
                                          " AND state = 'claimed' AND expires_at <= %2")
                               .arg(d.uuidParam(), d.timeParam()),
                { d.bindUuid(queue.id), d.bindTime(start) });
            !expired.ok())
            return expired.error();
        RAGSCOPE_TRY(held,
            writer->exec(
                QStringLiteral("SELECT interaction_id FROM ragscope_review_leases WHERE queue_id = %1"
                               " AND reviewer = ? AND state = 'claimed'")
                    .arg(d.uuidParam()),
                { d.bindUuid(queue.id), reviewer }));
        std::optional<QUuid> chosen;
        if (held.next()) {
            chosen = QUuid::fromString(held.value(0).toString());
        } else {
            const Status scanned
                = QueueItems(writer, queue, start).scan([&](const QList<QUuid>& page) -> Result<bool> {
                      RAGSCOPE_TRY(states, itemStates(*writer, d, queue.id, page));
                      for (const QUuid& id : page) {
                          const ItemState s = states.value(id);
                          if (s.adjudicated || s.reviewed.contains(reviewer) || s.skipped.contains(reviewer))
                              continue;
                          if ((s.reviewed + s.claimed).size() < queue.reviewsPerItem) {
                              chosen = id;
                              return false;
                          }
                      }
                      return true;
                  });
            if (!scanned.ok())
                return scanned;
        }
        if (!chosen)
            return Done {};
        const auto leased = writer->exec(
            QStringLiteral(
                "INSERT INTO ragscope_review_leases (queue_id, interaction_id, reviewer, state, claimed_at,"
                " expires_at) VALUES (%1, %1, ?, 'claimed', %2, %2)"
                " ON CONFLICT (queue_id, interaction_id, reviewer) DO UPDATE SET state = 'claimed',"
                " expires_at = excluded.expires_at")
                .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(queue.id), d.bindUuid(*chosen), reviewer, d.bindTime(start), d.bindTime(expires) });
        if (!leased.ok())
            return leased.error();
        claim = Claim { queue.id, *chosen, reviewer, start, expires };
        return Done {};
    });
    if (!done.ok())
        return done.error();
    return claim;
}

Status ClaimService::skip(const SavedQueue& queue, const QUuid& interactionId, const QString& reviewer) const
{
    const StorePtr writer = m_store->writer();
    if (const Status ok = checkWriter(*writer); !ok.ok())
        return ok;
    const SqlDialect d(writer->dialect());
    const QDateTime at = now();
    const auto skipped = writer->exec(
        QStringLiteral(
            "INSERT INTO ragscope_review_leases (queue_id, interaction_id, reviewer, state, claimed_at,"
            " expires_at) VALUES (%1, %1, ?, 'skipped', %2, %2)"
            " ON CONFLICT (queue_id, interaction_id, reviewer) DO UPDATE SET state = 'skipped',"
            " expires_at = excluded.expires_at")
            .arg(d.uuidParam(), d.timeParam()),
        { d.bindUuid(queue.id), d.bindUuid(interactionId), reviewer, d.bindTime(at), d.bindTime(at) });
    if (!skipped.ok())
        return skipped.error();
    return Done {};
}

Result<Review> ClaimService::save(const SavedQueue& queue, ReviewInput input) const
{
    const StorePtr writer = m_store->writer();
    if (const Status ok = checkWriter(*writer); !ok.ok())
        return ok.error();
    input.queueId = queue.id;
    // The save and the release are two steps; between them the reviewer counts once (a set of
    // names), so the item never looks free to more than k.
    RAGSCOPE_TRY(saved, ReviewService(m_store).save(input));
    const SqlDialect d(writer->dialect());
    const auto released
        = writer->exec(QStringLiteral("DELETE FROM ragscope_review_leases WHERE queue_id = %1"
                                      " AND interaction_id = %1 AND reviewer = ? AND state = 'claimed'")
                           .arg(d.uuidParam()),
            { d.bindUuid(queue.id), d.bindUuid(input.interactionId), input.reviewer });
    if (!released.ok())
        return released.error();
    return saved;
}

Result<QList<Review>> ClaimService::visibleReviews(
    const SavedQueue& queue, const QUuid& interactionId, const QString& reviewer) const
{
    RAGSCOPE_TRY(latest, ReviewService(m_store).latestPerReviewer(interactionId));
    if (!queue.blind)
        return latest;
    const bool savedOwn = std::any_of(latest.cbegin(), latest.cend(),
        [&](const Review& r) { return r.reviewer == reviewer && r.queueId == queue.id && !r.adjudication; });
    if (savedOwn)
        return latest;
    QList<Review> own;
    for (const Review& r : std::as_const(latest)) {
        if (r.reviewer == reviewer)
            own << r;
    }
    return own;
}

Result<QStringList> ClaimService::holders(const SavedQueue& queue, const QUuid& interactionId) const
{
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT reviewer FROM ragscope_review_leases WHERE queue_id = %1"
                                     " AND interaction_id = %1 AND state = 'claimed' AND expires_at > %2"
                                     " ORDER BY reviewer")
                          .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(queue.id), d.bindUuid(interactionId), d.bindTime(now()) }));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

} // namespace RagScope
