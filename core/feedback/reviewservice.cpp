#include "reviewservice.h"

#include "base/performancemonitor.h"
#include "feedbackrules.h"
#include "feedbackservice.h"
#include "store/sqldialect.h"

namespace RagScope {

namespace {

QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

Error noReviewsTable()
{
    return makeError(ErrorKind::MissingSchema,
        QStringLiteral("this store has no reviewers' table (ragscope_reviews): run `ragscope-cli migrate` "
                       "on it first"));
}

QString reviewColumns(const SqlDialect& d)
{
    return QStringLiteral("r.id, r.interaction_id, r.reviewer, r.rating, r.label, r.comment, %1")
        .arg(d.timeText(QStringLiteral("r.created_at")));
}

Result<QList<Review>> readReviews(Result<QSqlQuery> query)
{
    if (!query.ok())
        return query.error();
    QSqlQuery& q = query.value();
    QList<Review> rows;
    while (q.next()) {
        Review r;
        r.id = QUuid::fromString(q.value(0).toString());
        r.interactionId = QUuid::fromString(q.value(1).toString());
        r.reviewer = q.value(2).toString();
        r.rating = q.value(3).toInt();
        r.label = q.value(4).toString();
        r.comment = q.value(5).toString();
        r.createdAt = SqlDialect::parseTime(q.value(6).toString());
        rows << r;
    }
    return rows;
}

} // namespace

ReviewService::ReviewService(StorePtr store)
    : m_store(std::move(store))
{ }

Result<Review> ReviewService::save(const QUuid& interactionId, const QString& reviewer, int rating,
    const QString& label, const QString& comment) const
{
    for (const Status& rule :
        { FeedbackRules::validateReviewer(reviewer), FeedbackRules::validateRating(rating),
            FeedbackRules::validateLabel(label), FeedbackRules::validateComment(comment) }) {
        if (!rule.ok())
            return rule.error();
    }
    // A read replica's store hands writes to its primary (Store::writer()).
    const StorePtr writer = m_store->writer();
    if (!writer->hasReviews())
        return noReviewsTable();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QStringLiteral("cannot save the review: %1").arg(writer->readOnlyReason()));

    PerformanceMonitor perf(QStringLiteral("save review"));
    const SqlDialect d(writer->dialect());
    Review saved { QUuid::createUuid(), interactionId, reviewer, rating, label, comment, {} };
    const Status written = writer->transaction([&]() -> Status {
        if (const Status exists = FeedbackService::requireInteraction(*writer, interactionId); !exists.ok())
            return exists;
        // History is ordered by time: a save within the same millisecond as the previous
        // one is stamped just after it, so "newest" always means "saved last".
        RAGSCOPE_TRY(latest,
            writer->exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2")
                             .arg(d.timeText(QStringLiteral("MAX(r.created_at)")), d.uuidParam()),
                { d.bindUuid(interactionId) }));
        saved.createdAt = QDateTime::currentDateTimeUtc();
        if (latest.next() && !latest.value(0).isNull()) {
            const QDateTime previous = SqlDialect::parseTime(latest.value(0).toString());
            if (saved.createdAt <= previous)
                saved.createdAt = previous.addMSecs(1);
        }
        const auto inserted
            = writer->exec(QStringLiteral("INSERT INTO ragscope_reviews"
                                          " (id, interaction_id, reviewer, rating, label, comment,"
                                          " created_at) VALUES (%1, %1, ?, ?, ?, ?, %2)")
                               .arg(d.uuidParam(), d.timeParam()),
                { d.bindUuid(saved.id), d.bindUuid(interactionId), reviewer, rating, nullIfEmpty(label),
                    nullIfEmpty(comment), d.bindTime(saved.createdAt) });
        if (!inserted.ok())
            return inserted.error();
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return saved;
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
                          .arg(reviewColumns(d), d.uuidParam()),
            { d.bindUuid(interactionId) }));
}

Result<QList<Review>> ReviewService::latestPerReviewer(const QUuid& interactionId) const
{
    if (!m_store->hasReviews())
        return noReviewsTable();
    PerformanceMonitor perf(QStringLiteral("latest reviews"));
    const SqlDialect d(m_store->dialect());
    return readReviews(
        m_store->exec(QStringLiteral("SELECT %1 FROM ragscope_reviews r WHERE r.interaction_id = %2"
                                     " AND NOT EXISTS (SELECT 1 FROM ragscope_reviews n"
                                     " WHERE n.interaction_id = r.interaction_id AND n.reviewer = r.reviewer"
                                     " AND (n.created_at, n.id) > (r.created_at, r.id))"
                                     " ORDER BY r.created_at DESC, r.id DESC")
                          .arg(reviewColumns(d), d.uuidParam()),
            { d.bindUuid(interactionId) }));
}

} // namespace RagScope
