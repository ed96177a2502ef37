#include "reviewpusher.h"

#include "base/performancemonitor.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QSet>

namespace RagScope {

namespace {

constexpr int TeamReviewSchema = 6; // ragscope_reviews.queue_id, kind, undoes_id, seconds_spent

QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullableUuid(const SqlDialect& d, const QUuid& id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : d.bindUuid(id);
}

} // namespace

Result<QList<ReviewPusher::SnapshotReview>> ReviewPusher::snapshotReviews() const
{
    if (!m_snapshot->hasReviews())
        return QList<SnapshotReview> {};
    const bool kinds = m_snapshot->schemaVersion() >= TeamReviewSchema;
    RAGSCOPE_TRY(q,
        m_snapshot->exec(
            QStringLiteral("SELECT id, interaction_id, reviewer, rating, label, comment, created_at%1"
                           " FROM ragscope_reviews ORDER BY created_at, id")
                .arg(kinds ? QStringLiteral(", queue_id, kind, undoes_id, seconds_spent") : QString())));
    QList<SnapshotReview> reviews;
    while (q.next()) {
        SnapshotReview r { { QUuid::fromString(q.value(0).toString()),
                               QUuid::fromString(q.value(1).toString()), q.value(2).toString(),
                               q.value(3).toInt(), q.value(4).toString(), q.value(5).toString(),
                               SqlDialect::parseTime(q.value(6).toString()), {}, false },
            {}, {}, {} };
        if (kinds) {
            r.review.queueId = QUuid::fromString(q.value(7).toString());
            r.kind = q.value(8).toString();
            r.review.adjudication = r.kind == QLatin1String("adjudication");
            r.undoes = QUuid::fromString(q.value(9).toString());
            r.secondsSpent = q.value(10);
        }
        reviews.append(r);
    }
    return reviews;
}

Result<QString> ReviewPusher::checkSource() const
{
    RAGSCOPE_TRY(info, SnapshotInfo::read(*m_snapshot));
    if (!info)
        return QStringLiteral("%1 has no snapshot metadata, so where it came from is unknown")
            .arg(m_snapshot->location().displayName());
    RAGSCOPE_TRY(store, SourceIdentity::of(*m_store));
    if (!info->source.sameStoreAs(store))
        return QStringLiteral("the snapshot was exported from %1, not from %2")
            .arg(info->source.displayName(), store.displayName());
    return QString();
}

// Sorts each review into added / already there / interaction gone; inserts the added ones
// when `write`. Run inside the push's transaction, so what it saw is what it changes.
Status ReviewPusher::classify(const QList<SnapshotReview>& reviews, const QDateTime& exportedAt,
    ReviewPush* push, const bool write) const
{
    const SqlDialect d(m_store->dialect());
    const bool storeKinds = m_store->schemaVersion() >= TeamReviewSchema;
    QSet<QUuid> bothSides;
    for (const SnapshotReview& offline : reviews) {
        const Review& r = offline.review;
        RAGSCOPE_TRY(present,
            m_store->exec(QStringLiteral("SELECT 1 FROM ragscope_reviews WHERE id = %1").arg(d.uuidParam()),
                { d.bindUuid(r.id) }));
        if (present.next()) {
            ++push->alreadyInStore;
            continue;
        }
        RAGSCOPE_TRY(interaction,
            m_store->exec(QStringLiteral("SELECT 1 FROM chat_interactions WHERE id = %1").arg(d.uuidParam()),
                { d.bindUuid(r.interactionId) }));
        if (!interaction.next()) {
            push->skippedDeleted.append(r);
            continue;
        }
        if (exportedAt.isValid() && !bothSides.contains(r.interactionId)) {
            RAGSCOPE_TRY(newer,
                m_store->exec(QStringLiteral("SELECT 1 FROM ragscope_reviews WHERE interaction_id = %1"
                                             " AND created_at >= %2")
                                  .arg(d.uuidParam(), d.timeParam()),
                    { d.bindUuid(r.interactionId), d.bindTime(exportedAt) }));
            if (newer.next())
                bothSides.insert(r.interactionId);
        }
        if (write && storeKinds && !offline.kind.isEmpty()) {
            RAGSCOPE_TRY(inserted,
                m_store->exec(
                    QStringLiteral(
                        "INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating,"
                        " label, comment, created_at, queue_id, kind, undoes_id, seconds_spent)"
                        " VALUES (%1, %1, ?, ?, ?, ?, %2, %1, ?, %1, ?) ON CONFLICT (id) DO NOTHING")
                        .arg(d.uuidParam(), d.timeParam()),
                    { d.bindUuid(r.id), d.bindUuid(r.interactionId), r.reviewer, r.rating,
                        nullIfEmpty(r.label), nullIfEmpty(r.comment), d.bindTime(r.createdAt),
                        nullableUuid(d, r.queueId), offline.kind, nullableUuid(d, offline.undoes),
                        offline.secondsSpent }));
        } else if (write) {
            RAGSCOPE_TRY(inserted,
                m_store->exec(
                    QStringLiteral("INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating,"
                                   " label, comment, created_at) VALUES (%1, %1, ?, ?, ?, ?, %2)"
                                   " ON CONFLICT (id) DO NOTHING")
                        .arg(d.uuidParam(), d.timeParam()),
                    { d.bindUuid(r.id), d.bindUuid(r.interactionId), r.reviewer, r.rating,
                        nullIfEmpty(r.label), nullIfEmpty(r.comment), d.bindTime(r.createdAt) }));
        }
        push->added.append(r);
    }
    push->reviewedOnBothSides = bothSides.size();
    return Done {};
}

Result<ReviewPush> ReviewPusher::preview() const
{
    ReviewPush push;
    RAGSCOPE_TRY(mismatch, checkSource());
    push.sourceMismatch = mismatch;
    RAGSCOPE_TRY(info, SnapshotInfo::read(*m_snapshot));
    RAGSCOPE_TRY(reviews, snapshotReviews());
    if (!m_store->hasReviews())
        return makeError(ErrorKind::MissingSchema, m_store->reviewsOffReason());
    RAGSCOPE_TRY(sorted, classify(reviews, info ? info->exportedAt : QDateTime(), &push, false));
    return push;
}

Result<ReviewPush> ReviewPusher::push(bool force) const
{
    PerformanceMonitor perf(QStringLiteral("push reviews"));
    ReviewPush push;
    RAGSCOPE_TRY(mismatch, checkSource());
    push.sourceMismatch = mismatch;
    if (!mismatch.isEmpty() && !force)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::ReviewPusher", "%1; nothing pushed (--force pushes anyway)")
                .arg(mismatch));
    if (!m_store->hasReviews())
        return makeError(ErrorKind::MissingSchema, m_store->reviewsOffReason());
    if (m_store->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::ReviewPusher", "cannot push reviews: %1")
                .arg(m_store->readOnlyReason()));
    RAGSCOPE_TRY(info, SnapshotInfo::read(*m_snapshot));
    RAGSCOPE_TRY(reviews, snapshotReviews());
    const Status written = m_store->transaction([&] {
        push = ReviewPush { {}, 0, {}, 0, mismatch, false }; // a retried transaction starts over
        return classify(reviews, info ? info->exportedAt : QDateTime(), &push, true);
    });
    if (!written.ok())
        return written.error();
    push.applied = true;
    return push;
}

} // namespace RagScope
