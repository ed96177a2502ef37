#include "reviewqueue.h"

#include "base/performancemonitor.h"
#include "feedbackrules.h"
#include "feedbackservice.h"
#include "keysetcursor.h"
#include "metrics/filtersql.h"
#include "queueordering.h"
#include "reviewservice.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace RagScope {

using namespace QueueOrdering;

namespace {

constexpr int PreviewCharacters = 200;
std::optional<double> optionalDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

std::optional<qint64> optionalInteger(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

std::optional<QString> optionalText(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<QString>(v.toString());
}

// LIKE pattern for "contains `text`", with the wildcards of the text taken literally.
QString containsPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// filterWhere() with open ends where the window's ends are not set. The window applies to the
// interaction (alias i) or to its feedback (alias f); user and model always narrow the interaction.
SqlWhere windowWhere(const SqlDialect& d, const ReviewQueueQuery& query)
{
    Filter filter = query.filter;
    if (!filter.from.isValid())
        filter.from = QDateTime(QDate(1900, 1, 1), QTime(0, 0), QTimeZone::utc());
    if (!filter.to.isValid())
        filter.to = QDateTime(QDate(9999, 12, 31), QTime(0, 0), QTimeZone::utc());
    if (query.windowOn == ReviewQueueQuery::WindowOn::Interaction)
        return filterWhere(d, filter, QStringLiteral("i"));
    SqlWhere where = filterWhere(d, { filter.from, filter.to, {}, {} }, QStringLiteral("f"));
    if (filter.user)
        where.add(QStringLiteral("i.user_id = ?"), { *filter.user });
    if (filter.model)
        where.add(QStringLiteral("i.model_name = ?"), { *filter.model });
    return where;
}

Status validateRange(const ReviewQueueQuery& query)
{
    for (const auto& bound : { query.minConfidence, query.maxConfidence }) {
        if (bound && !(*bound >= 0.0 && *bound <= 1.0))
            return makeError(ErrorKind::InvalidInput,
                QStringLiteral("a confidence bound must be from 0 to 1, not %1").arg(*bound));
    }
    if (query.minConfidence && query.maxConfidence && *query.minConfidence > *query.maxConfidence)
        return makeError(ErrorKind::InvalidInput,
            QStringLiteral("the confidence range %1 to %2 is empty")
                .arg(*query.minConfidence)
                .arg(*query.maxConfidence));
    if (query.lastDays && (*query.lastDays < 1 || *query.lastDays > ReviewQueueQuery::MaxLastDays))
        return makeError(ErrorKind::InvalidInput,
            QStringLiteral("the rolling window must be 1 to %1 days, not %2")
                .arg(ReviewQueueQuery::MaxLastDays)
                .arg(*query.lastDays));
    return Done {};
}

Result<SqlWhere> queueWhere(const Store& store, const SqlDialect& d, const ReviewQueueQuery& query)
{
    if (const Status range = validateRange(query); !range.ok())
        return range.error();
    // A rolling window not resolved by the caller ends now.
    SqlWhere where = windowWhere(d, query.resolvedAt(QDateTime::currentDateTimeUtc()));
    switch (query.kind) {
    case ReviewQueueQuery::Kind::LowRated:
        where.add(QStringLiteral("f.rating <= 2"));
        break;
    case ReviewQueueQuery::Kind::LowConfidence:
        where.add(QStringLiteral("i.confidence_score < 0.6"));
        break;
    case ReviewQueueQuery::Kind::Either:
        where.add(QStringLiteral("(f.rating <= 2 OR i.confidence_score < 0.6)"));
        break;
    case ReviewQueueQuery::Kind::All:
        break;
    }
    if (!query.search.isEmpty()) {
        const QString pattern = containsPattern(query.search);
        where.add(QStringLiteral("(lower(i.query) LIKE lower(CAST(? AS text)) ESCAPE '\\'"
                                 " OR lower(i.answer) LIKE lower(CAST(? AS text)) ESCAPE '\\')"),
            { pattern, pattern });
    }
    if (query.unreviewedOnly && store.hasReviews())
        where.add(
            QStringLiteral("NOT EXISTS (SELECT 1 FROM ragscope_reviews r WHERE r.interaction_id = i.id)"));
    if (query.userRating) {
        if (const Status rule = FeedbackRules::validateRating(*query.userRating); !rule.ok())
            return rule.error();
        where.add(QStringLiteral("f.rating = ?"), { *query.userRating });
    }
    if (query.confidenceBucket) {
        if (*query.confidenceBucket < 0 || *query.confidenceBucket > ReviewQueueQuery::NoScoreBucket)
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::ReviewQueue", "confidence bucket must be 0 to 9 or 10 (no score), not %1")
                    .arg(*query.confidenceBucket));
        if (*query.confidenceBucket == ReviewQueueQuery::NoScoreBucket)
            where.add(QStringLiteral("i.confidence_score IS NULL"));
        else
            where.add(QStringLiteral("%1 = ?").arg(d.confidenceBucket(QStringLiteral("i.confidence_score"))),
                { *query.confidenceBucket });
    }
    if (query.minConfidence)
        where.add(
            QStringLiteral("i.confidence_score >= CAST(? AS double precision)"), { *query.minConfidence });
    if (query.maxConfidence)
        where.add(
            QStringLiteral("i.confidence_score <= CAST(? AS double precision)"), { *query.maxConfidence });
    if (!query.label.isEmpty()) {
        if (!store.hasReviews()) {
            where.add(QStringLiteral("1 = 0")); // no reviews, so no label
        } else {
            where.add(
                QStringLiteral("EXISTS (SELECT 1 FROM ragscope_reviews rl WHERE rl.interaction_id = i.id"
                               " AND rl.label = ? AND %1 AND NOT EXISTS (SELECT 1 FROM ragscope_reviews rn"
                               " WHERE rn.interaction_id = rl.interaction_id AND rn.reviewer = rl.reviewer"
                               " AND %2 AND (rn.created_at > rl.created_at"
                               " OR (rn.created_at = rl.created_at AND rn.id > rl.id))))")
                    .arg(ReviewService::inForce(store, QStringLiteral("rl")),
                        ReviewService::inForce(store, QStringLiteral("rn"))),
                { query.label });
        }
    }
    return where;
}

} // namespace

ReviewQueueQuery ReviewQueueQuery::resolvedAt(const QDateTime& now) const
{
    if (!lastDays)
        return *this;
    ReviewQueueQuery fixed = *this;
    fixed.filter.from = now.toUTC().addDays(-*lastDays);
    fixed.filter.to = now.toUTC();
    fixed.lastDays.reset();
    return fixed;
}

ReviewQueue::ReviewQueue(StorePtr store)
    : m_store(std::move(store))
{ }

Result<Page<InteractionSummary>> ReviewQueue::fetch(
    const ReviewQueueQuery& query, int limit, const QString& cursor) const
{
    RAGSCOPE_TRY(slice, read(query, limit, { cursor, {}, {} }));
    return Page<InteractionSummary> { slice.rows, slice.atEnd ? QString() : slice.last };
}

Result<QueueSlice> ReviewQueue::fetchSlice(
    const ReviewQueueQuery& query, int limit, const QString& after) const
{
    return read(query, limit, { after, {}, {} });
}

Result<QueueSlice> ReviewQueue::fetchBetween(
    const ReviewQueueQuery& query, const QString& first, const QString& last, int limit) const
{
    if (first.isEmpty() || last.isEmpty())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewQueue", "a slice needs both of its ends"));
    return read(query, limit, { {}, first, last });
}

Result<QueueSlice> ReviewQueue::read(const ReviewQueueQuery& query, int limit, const Bounds& bounds) const
{
    if (limit < 1)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewQueue", "a page must hold at least one row"));
    const SqlDialect d(m_store->dialect());
    const SortSpec sort = sortSpec(d, query.sort, query.descending);
    const bool bySortValue = sort.type != SortType::Time;
    RAGSCOPE_TRY(where, queueWhere(*m_store, d, query));

    QVariantList values = sort.values;
    values += where.values;
    QStringList keyset;
    for (const auto& [cursor, side] : { std::pair { bounds.after, Side::After },
             std::pair { bounds.from, Side::From }, std::pair { bounds.through, Side::Through } }) {
        if (cursor.isEmpty())
            continue;
        RAGSCOPE_TRY(position, KeysetCursor::decode(cursor, orderingTag(query)));
        RAGSCOPE_TRY(condition, keysetCondition(d, sort, keysetOperator(side, query.descending), position));
        keyset << condition.sql;
        values += condition.values;
    }
    values << limit + 1;

    const QString dir = query.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // The newest verdict in force (an undo row and the save it undid do not count).
    const QString newestReview
        = QStringLiteral("(SELECT r.%1 FROM ragscope_reviews r WHERE r.interaction_id = q.id AND ")
        + ReviewService::inForce(*m_store, QStringLiteral("r"))
        + QStringLiteral(" ORDER BY r.created_at DESC, r.id DESC LIMIT 1)");
    const bool reviews = m_store->hasReviews();
    const QString sql
        = QStringLiteral(
              "SELECT q.id, %1, q.user_id, substr(q.qtext, 1, %2), substr(q.atext, 1, %2), q.confidence,"
              " q.model, q.latency, CAST(q.cost AS text), q.user_rating, %3, %4%5")
              .arg(d.timeText(QStringLiteral("q.created_at")))
              .arg(PreviewCharacters)
              .arg(reviews ? newestReview.arg(QLatin1String("rating"))
                           : QStringLiteral("CAST(NULL AS integer)"),
                  reviews ? newestReview.arg(QLatin1String("label")) : QStringLiteral("CAST(NULL AS text)"),
                  !bySortValue                        ? QString()
                      : sort.type == SortType::Amount ? QStringLiteral(", CAST(q.sort_value AS text)")
                                                      : QStringLiteral(", q.sort_value"))
        + QStringLiteral(" FROM (SELECT i.id AS id, i.created_at AS created_at, i.user_id AS user_id,"
                         " i.query AS qtext, i.answer AS atext, i.confidence_score AS confidence,"
                         " i.model_name AS model, i.total_latency_ms AS latency, %1 AS cost,"
                         " f.rating AS user_rating%2"
                         " FROM chat_interactions i LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id"
                         " WHERE %3) q")
              .arg(d.costColumn(QStringLiteral("i")),
                  bySortValue ? QStringLiteral(", %1 AS sort_value").arg(sort.expr) : QString(), where.sql)
        + (keyset.isEmpty() ? QString() : QStringLiteral(" WHERE ") + keyset.join(QLatin1String(" AND ")))
        + QStringLiteral(" ORDER BY %1q.created_at%2, q.id%2 LIMIT ?")
              .arg(
                  bySortValue ? QStringLiteral("q.sort_value") + dir + QStringLiteral(", ") : QString(), dir);

    PerformanceMonitor perf(QStringLiteral("review queue page"));
    RAGSCOPE_TRY(q, m_store->exec(sql, values));
    QueueSlice slice;
    KeysetCursor lastKey;
    while (q.next()) {
        if (slice.rows.size() == limit) { // the extra row only tells that another page follows
            slice.atEnd = false;
            break;
        }
        // The cursor keeps created_at as the store printed it: exact microseconds.
        lastKey = KeysetCursor(orderingTag(query),
            bySortValue ? sortValueText(d, sort.type, q.value(12)) : QString(), q.value(1).toString(),
            QUuid::fromString(q.value(0).toString()));
        if (slice.rows.isEmpty())
            slice.first = lastKey.encode();
        InteractionSummary s;
        s.id = lastKey.id();
        s.createdAt = SqlDialect::parseTime(q.value(1).toString());
        s.userId = q.value(2).toString();
        s.queryPreview = q.value(3).toString();
        s.answerPreview = q.value(4).toString();
        s.confidence = optionalDouble(q.value(5));
        s.model = optionalText(q.value(6));
        s.totalLatencyMs = optionalDouble(q.value(7));
        if (!q.value(8).isNull())
            s.cost = d.moneyValue(q.value(8));
        if (!q.value(9).isNull())
            s.userRating = q.value(9).toInt();
        if (!q.value(10).isNull())
            s.reviewerRating = q.value(10).toInt();
        s.reviewerLabel = q.value(11).toString();
        slice.rows << s;
    }
    if (!slice.rows.isEmpty())
        slice.last = lastKey.encode();
    return slice;
}

Result<InteractionDetail> ReviewQueue::detail(const QUuid& interactionId) const
{
    PerformanceMonitor perf(QStringLiteral("interaction detail"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT i.id, %1, i.user_id, i.query, i.answer, i.confidence_score,"
                                     " i.citations_count, i.total_latency_ms, i.retrieval_latency_ms,"
                                     " i.generation_latency_ms, i.prompt_tokens, i.completion_tokens,"
                                     " i.total_tokens, i.model_name, CAST(%2 AS text)"
                                     " FROM chat_interactions i WHERE i.id = %3")
                          .arg(d.timeText(QStringLiteral("i.created_at")), d.costColumn(QStringLiteral("i")),
                              d.uuidParam()),
            { d.bindUuid(interactionId) }));
    if (!q.next())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::ReviewQueue", "there is no interaction with id %1")
                .arg(interactionId.toString(QUuid::WithoutBraces)));
    InteractionDetail detail;
    detail.id = QUuid::fromString(q.value(0).toString());
    detail.createdAt = SqlDialect::parseTime(q.value(1).toString());
    detail.userId = q.value(2).toString();
    detail.query = q.value(3).toString();
    detail.answer = q.value(4).toString();
    detail.confidence = optionalDouble(q.value(5));
    detail.citations = q.value(6).toInt();
    detail.totalLatencyMs = optionalDouble(q.value(7));
    detail.retrievalLatencyMs = optionalDouble(q.value(8));
    detail.generationLatencyMs = optionalDouble(q.value(9));
    detail.promptTokens = optionalInteger(q.value(10));
    detail.completionTokens = optionalInteger(q.value(11));
    detail.totalTokens = optionalInteger(q.value(12));
    detail.model = optionalText(q.value(13));
    if (!q.value(14).isNull())
        detail.cost = d.moneyValue(q.value(14));

    RAGSCOPE_TRY(feedback, FeedbackService(m_store).byInteraction(interactionId));
    detail.feedback = feedback;
    if (m_store->hasReviews()) {
        RAGSCOPE_TRY(reviews, ReviewService(m_store).latestPerReviewer(interactionId));
        detail.latestReviews = reviews;
    }
    return detail;
}

} // namespace RagScope
