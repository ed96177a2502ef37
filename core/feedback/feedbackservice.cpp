#include "feedbackservice.h"

#include <QCoreApplication>

#include "base/performancemonitor.h"
#include "feedbackrules.h"
#include "metrics/metricscollector.h"
#include "reviewqueue.h"
#include "store/sqldialect.h"

namespace RagScope {

namespace {

QString feedbackColumns(const SqlDialect& d)
{
    return QStringLiteral("f.id, f.interaction_id, f.rating, f.comment, %1")
        .arg(d.timeText(QStringLiteral("f.created_at")));
}

Feedback readFeedback(const QSqlQuery& q)
{
    Feedback f;
    f.id = QUuid::fromString(q.value(0).toString());
    f.interactionId = QUuid::fromString(q.value(1).toString());
    f.rating = q.value(2).toInt();
    f.comment = q.value(3).toString();
    f.createdAt = SqlDialect::parseTime(q.value(4).toString());
    return f;
}

Result<std::optional<Feedback>> readOne(Result<QSqlQuery> query)
{
    if (!query.ok())
        return query.error();
    if (!query.value().next())
        return std::optional<Feedback>();
    return std::optional<Feedback>(readFeedback(query.value()));
}

Result<Page<InteractionSummary>> queuePage(
    const StorePtr& store, ReviewQueueQuery::Kind kind, int limit, const QString& cursor)
{
    ReviewQueueQuery query;
    query.kind = kind;
    query.sort = ReviewQueueQuery::SortKey::CreatedAt;
    query.descending = true;
    return ReviewQueue(store).fetch(query, limit, cursor);
}

} // namespace

FeedbackService::FeedbackService(StorePtr store)
    : m_store(std::move(store))
{ }

Status FeedbackService::requireInteraction(const Store& store, const QUuid& interactionId)
{
    const SqlDialect d(store.dialect());
    RAGSCOPE_TRY(q,
        store.exec(QStringLiteral("SELECT 1 FROM chat_interactions WHERE id = %1").arg(d.uuidParam()),
            { d.bindUuid(interactionId) }));
    if (!q.next())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::FeedbackService", "there is no interaction with id %1")
                .arg(interactionId.toString(QUuid::WithoutBraces)));
    return Done {};
}

Result<Feedback> FeedbackService::submit(const QUuid& interactionId, int rating, const QString& comment) const
{
    for (const Status& rule :
        { FeedbackRules::validateRating(rating), FeedbackRules::validateComment(comment) }) {
        if (!rule.ok())
            return rule.error();
    }
    // A read replica's store hands writes to its primary (Store::writer()).
    const StorePtr writer = m_store->writer();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::FeedbackService", "cannot save feedback: %1")
                .arg(writer->readOnlyReason()));

    PerformanceMonitor perf(QStringLiteral("submit feedback"));
    const SqlDialect d(writer->dialect());
    Feedback saved;
    saved.interactionId = interactionId;
    saved.rating = rating;
    saved.comment = comment;
    // One statement decides insert or update, so concurrent submits for one interaction
    // end in one row; the first submit's id and created_at are kept.
    const QString upsert
        = QStringLiteral("INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)"
                         " VALUES (%1, %1, ?, ?, %2)"
                         " ON CONFLICT (interaction_id) DO UPDATE"
                         " SET rating = excluded.rating, comment = excluded.comment"
                         " RETURNING id, %3")
              .arg(d.uuidParam(), d.timeParam(), d.timeText(QStringLiteral("created_at")));
    const Status written = writer->transaction([&]() -> Status {
        if (const Status exists = requireInteraction(*writer, interactionId); !exists.ok())
            return exists;
        RAGSCOPE_TRY(q,
            writer->exec(upsert,
                { d.bindUuid(QUuid::createUuid()), d.bindUuid(interactionId), rating,
                    comment.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(comment),
                    d.bindTime(QDateTime::currentDateTimeUtc()) }));
        if (!q.next())
            return makeError(ErrorKind::Query,
                QCoreApplication::translate("RagScope::FeedbackService", "saving feedback returned no row"));
        saved.id = QUuid::fromString(q.value(0).toString());
        saved.createdAt = SqlDialect::parseTime(q.value(1).toString());
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return saved;
}

Result<std::optional<Feedback>> FeedbackService::byId(const QUuid& id) const
{
    PerformanceMonitor perf(QStringLiteral("feedback by id"));
    const SqlDialect d(m_store->dialect());
    return readOne(m_store->exec(QStringLiteral("SELECT %1 FROM chat_feedbacks f WHERE f.id = %2")
                                     .arg(feedbackColumns(d), d.uuidParam()),
        { d.bindUuid(id) }));
}

Result<std::optional<Feedback>> FeedbackService::byInteraction(const QUuid& interactionId) const
{
    PerformanceMonitor perf(QStringLiteral("feedback by interaction"));
    const SqlDialect d(m_store->dialect());
    return readOne(m_store->exec(QStringLiteral("SELECT %1 FROM chat_feedbacks f WHERE f.interaction_id = %2")
                                     .arg(feedbackColumns(d), d.uuidParam()),
        { d.bindUuid(interactionId) }));
}

Result<QList<Feedback>> FeedbackService::byUser(const QString& userId, int limit) const
{
    if (limit < 1)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::FeedbackService", "the number of rows must be at least 1"));
    PerformanceMonitor perf(QStringLiteral("feedback by user"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT %1 FROM chat_feedbacks f"
                                     " JOIN chat_interactions i ON i.id = f.interaction_id"
                                     " WHERE i.user_id = ?"
                                     " ORDER BY f.created_at DESC, f.id DESC LIMIT ?")
                          .arg(feedbackColumns(d)),
            { userId, limit }));
    QList<Feedback> rows;
    while (q.next())
        rows << readFeedback(q);
    return rows;
}

Result<Page<InteractionSummary>> FeedbackService::lowRated(int limit, const QString& cursor) const
{
    return queuePage(m_store, ReviewQueueQuery::Kind::LowRated, limit, cursor);
}

Result<Page<InteractionSummary>> FeedbackService::lowConfidence(int limit, const QString& cursor) const
{
    return queuePage(m_store, ReviewQueueQuery::Kind::LowConfidence, limit, cursor);
}

Result<RatingSummary> FeedbackService::summary(const Filter& filter) const
{
    return MetricsCollector(m_store).ratings(filter);
}

} // namespace RagScope
