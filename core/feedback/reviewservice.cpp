#include "reviewservice.h"

#include <QCoreApplication>

#include "base/performancemonitor.h"
#include "feedbackrules.h"
#include "feedbackservice.h"
#include "store/sqldialect.h"

namespace RagScope {

namespace {

constexpr int TeamReviewSchema = 6; // queue_id, kind, undoes_id, seconds_spent

QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

Error noReviewsTable()
{
    return makeError(ErrorKind::MissingSchema,
        QCoreApplication::translate("RagScope::ReviewService",
            "this store has no reviewers' table (ragscope_reviews): run `ragscope-cli migrate` "
            "on it first"));
}

bool hasTeamReview(const Store& store)
{
    return store.schemaVersion() >= TeamReviewSchema;
}

Result<QList<Review>> readReviews(Result<QSqlQuery> query)
{
    if (!query.ok())
        return query.error();
    QSqlQuery& q = query.value();
    QList<Review> rows;
    while (q.next())
        rows << ReviewService::reviewAt(q);
    return rows;
}

QVariant bindOptionalUuid(const SqlDialect& d, const QUuid& id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : d.bindUuid(id);
}

// History is ordered by time: a row written within the same millisecond as the newest one of
// the interaction is stamped just after it, so "newest" always means "saved last".
Result<QDateTime> nextStamp(const Store& writer, const SqlDialect& d, const QUuid& interactionId)
{
    RAGSCOPE_TRY(latest,
        writer.exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2")
                        .arg(d.timeText(QStringLiteral("MAX(r.created_at)")), d.uuidParam()),
            { d.bindUuid(interactionId) }));
    QDateTime stamp = QDateTime::currentDateTimeUtc();
    if (latest.next() && !latest.value(0).isNull()) {
        const QDateTime previous = SqlDialect::parseTime(latest.value(0).toString());
        if (stamp <= previous)
            stamp = previous.addMSecs(1);
    }
    return stamp;
}

} // namespace

ReviewService::ReviewService(StorePtr store)
    : m_store(std::move(store))
{ }

QString ReviewService::columns(const Store& store)
{
    const SqlDialect d(store.dialect());
    return QStringLiteral("r.id, r.interaction_id, r.reviewer, r.rating, r.label, r.comment, %1, %2")
        .arg(d.timeText(QStringLiteral("r.created_at")),
            hasTeamReview(store) ? QStringLiteral("r.queue_id, r.kind")
                                 : QStringLiteral("CAST(NULL AS text), 'review'"));
}

Review ReviewService::reviewAt(const QSqlQuery& q)
{
    Review r;
    r.id = QUuid::fromString(q.value(0).toString());
    r.interactionId = QUuid::fromString(q.value(1).toString());
    r.reviewer = q.value(2).toString();
    r.rating = q.value(3).toInt();
    r.label = q.value(4).toString();
    r.comment = q.value(5).toString();
    r.createdAt = SqlDialect::parseTime(q.value(6).toString());
    r.queueId = QUuid::fromString(q.value(7).toString());
    r.adjudication = q.value(8).toString() == QLatin1String("adjudication");
    return r;
}

QString ReviewService::inForce(const Store& store, const QString& alias)
{
    if (!hasTeamReview(store))
        return QStringLiteral("1 = 1");
    return QStringLiteral("(%1.kind <> 'undo' AND NOT EXISTS (SELECT 1 FROM ragscope_reviews u_"
                          " WHERE u_.undoes_id = %1.id))")
        .arg(alias);
}

Result<Review> ReviewService::save(const QUuid& interactionId, const QString& reviewer, int rating,
    const QString& label, const QString& comment) const
{
    return save(ReviewInput { interactionId, reviewer, rating, label, comment, {}, false, std::nullopt });
}

Result<Review> ReviewService::save(const ReviewInput& input) const
{
    for (const Status& rule :
        { FeedbackRules::validateReviewer(input.reviewer), FeedbackRules::validateRating(input.rating),
            FeedbackRules::validateLabel(input.label), FeedbackRules::validateComment(input.comment) }) {
        if (!rule.ok())
            return rule.error();
    }
    if (input.adjudication && input.queueId.isNull())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewService", "an adjudication belongs to a queue"));
    if (input.secondsSpent && *input.secondsSpent < 0)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewService", "seconds spent cannot be negative"));
    // A read replica's store hands writes to its primary (Store::writer()).
    const StorePtr writer = m_store->writer();
    if (!writer->hasReviews())
        return noReviewsTable();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::ReviewService", "cannot save the review: %1")
                .arg(writer->readOnlyReason()));
    const bool team = !input.queueId.isNull() || input.secondsSpent;
    if (team && !hasTeamReview(*writer))
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate("RagScope::ReviewService",
                "this store has no review queues (schema version %1 < 6): run `ragscope-cli migrate`")
                .arg(writer->schemaVersion()));

    PerformanceMonitor perf(QStringLiteral("save review"));
    const SqlDialect d(writer->dialect());
    Review saved { QUuid::createUuid(), input.interactionId, input.reviewer, input.rating, input.label,
        input.comment, {}, input.queueId, input.adjudication };
    const Status written = writer->transaction([&]() -> Status {
        if (const Status exists = FeedbackService::requireInteraction(*writer, input.interactionId);
            !exists.ok())
            return exists;
        RAGSCOPE_TRY(stamp, nextStamp(*writer, d, input.interactionId));
        saved.createdAt = stamp;
        QVariantList values { d.bindUuid(saved.id), d.bindUuid(input.interactionId), input.reviewer,
            input.rating, nullIfEmpty(input.label), nullIfEmpty(input.comment), d.bindTime(saved.createdAt) };
        QString extraColumns, extraValues;
        if (team) {
            extraColumns = QStringLiteral(", queue_id, kind, seconds_spent");
            extraValues = QStringLiteral(", %1, ?, ?").arg(d.uuidParam());
            values << bindOptionalUuid(d, input.queueId)
                   << (input.adjudication ? QStringLiteral("adjudication") : QStringLiteral("review"))
                   << (input.secondsSpent ? QVariant(*input.secondsSpent)
                                          : QVariant(QMetaType::fromType<int>()));
        }
        const auto inserted
            = writer->exec(QStringLiteral("INSERT INTO ragscope_reviews"
                                          " (id, interaction_id, reviewer, rating, label, comment,"
                                          " created_at%3) VALUES (%1, %1, ?, ?, ?, ?, %2%4)")
                               .arg(d.uuidParam(), d.timeParam(), extraColumns, extraValues),
                values);
        if (!inserted.ok())
            return inserted.error();
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return saved;
}

Result<Review> ReviewService::undoLast(
    const QUuid& interactionId, const QString& reviewer, int windowSeconds) const
{
    const StorePtr writer = m_store->writer();
    if (!writer->hasReviews())
        return noReviewsTable();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::ReviewService", "cannot undo the review: %1")
                .arg(writer->readOnlyReason()));
    if (!hasTeamReview(*writer))
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate(
                "RagScope::ReviewService", "undo needs schema version 6: run `ragscope-cli migrate`"));
    const SqlDialect d(writer->dialect());
    std::optional<Review> undo;
    const Status written = writer->transaction([&]() -> Status {
        RAGSCOPE_TRY(newest,
            readReviews(
                writer->exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2"
                                            " AND r.reviewer = ? AND %3"
                                            " ORDER BY r.created_at DESC, r.id DESC LIMIT 1")
                                 .arg(columns(*writer), d.uuidParam(), inForce(*writer, QStringLiteral("r"))),
                    { d.bindUuid(interactionId), reviewer })));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (newest.isEmpty() || newest.first().createdAt.secsTo(now) > windowSeconds)
            return makeError(ErrorKind::NotFound,
                QCoreApplication::translate(
                    "RagScope::ReviewService", "%1 saved nothing on this item in the last %2 seconds to undo")
                    .arg(reviewer)
                    .arg(windowSeconds));
        const Review& last = newest.first();
        RAGSCOPE_TRY(stamp, nextStamp(*writer, d, interactionId));
        // The undo row repeats the verdict it cancels (the columns are NOT NULL) and names it.
        undo = Review { QUuid::createUuid(), interactionId, reviewer, last.rating, last.label, last.comment,
            stamp, last.queueId, false };
        const auto inserted = writer->exec(
            QStringLiteral(
                "INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating, label, comment,"
                " created_at, queue_id, kind, undoes_id) VALUES (%1, %1, ?, ?, ?, ?, %2, %1, 'undo', %1)")
                .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(undo->id), d.bindUuid(interactionId), reviewer, last.rating, nullIfEmpty(last.label),
                nullIfEmpty(last.comment), d.bindTime(stamp), bindOptionalUuid(d, last.queueId),
                d.bindUuid(last.id) });
        if (!inserted.ok())
            return inserted.error();
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return *undo;
}

Result<QList<Review>> ReviewService::history(const QUuid& interactionId) const
{
    if (!m_store->hasReviews())
        return noReviewsTable();
    PerformanceMonitor perf(QStringLiteral("review history"));
    const SqlDialect d(m_store->dialect());
    return readReviews(
        m_store->exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2"
                                     " ORDER BY r.created_at DESC, r.id DESC")
                          .arg(columns(*m_store), d.uuidParam()),
            { d.bindUuid(interactionId) }));
}

Result<QList<Review>> ReviewService::latestPerReviewer(const QUuid& interactionId) const
{
    if (!m_store->hasReviews())
        return noReviewsTable();
    PerformanceMonitor perf(QStringLiteral("latest reviews"));
    const SqlDialect d(m_store->dialect());
    return readReviews(
        m_store->exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2 AND %3"
                                     " AND NOT EXISTS (SELECT 1 FROM ragscope_reviews n"
                                     " WHERE n.interaction_id = r.interaction_id AND n.reviewer = r.reviewer"
                                     " AND %4 AND (n.created_at, n.id) > (r.created_at, r.id))"
                                     " ORDER BY r.created_at DESC, r.id DESC")
                          .arg(columns(*m_store), d.uuidParam(), inForce(*m_store, QStringLiteral("r")),
                              inForce(*m_store, QStringLiteral("n"))),
            { d.bindUuid(interactionId) }));
}

} // namespace RagScope
