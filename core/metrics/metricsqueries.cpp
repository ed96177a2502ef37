#include "metricsqueries.h"

#include "filtersql.h"

namespace RagScope::MetricsSql {

namespace {

const QString I = QStringLiteral("i"); // alias of chat_interactions throughout

/// Byte-wise text order on PostgreSQL, so both dialects sort alike (SQLite's BINARY already is).
QString byteOrder(const SqlDialect& d)
{
    return d.isPostgres() ? QStringLiteral(" COLLATE \"C\"") : QString();
}

QString bucketOf(const SqlDialect& d, TimeBucket bucket)
{
    return bucket == TimeBucket::Hour ? d.hourOf(QStringLiteral("i.created_at"))
                                      : d.dayOf(QStringLiteral("i.created_at"));
}

/// The reviews of the window's interactions: per_reviewer = 1 marks each reviewer's latest,
/// newest = 1 the latest review of anyone.
QString latestReviews(const SqlWhere& where)
{
    return QStringLiteral(
        "WITH latest AS (SELECT r.interaction_id, r.rating, r.label,"
        " ROW_NUMBER() OVER (PARTITION BY r.interaction_id, r.reviewer"
        " ORDER BY r.created_at DESC, r.id DESC) AS per_reviewer,"
        " ROW_NUMBER() OVER (PARTITION BY r.interaction_id"
        " ORDER BY r.created_at DESC, r.id DESC) AS newest"
        " FROM ragscope_reviews r JOIN chat_interactions i ON i.id = r.interaction_id WHERE %1) ")
        .arg(where.sql);
}

} // namespace

BoundSql kpis(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral(
                 "SELECT COUNT(*), SUM(i.prompt_tokens), SUM(i.completion_tokens), SUM(i.total_tokens), %1,"
                 " SUM(CASE WHEN %2 IS NULL AND (i.prompt_tokens > 0 OR i.completion_tokens > 0"
                 " OR i.total_tokens > 0) THEN 1 ELSE 0 END),"
                 " AVG(i.total_latency_ms), AVG(i.confidence_score), COUNT(DISTINCT i.user_id)"
                 " FROM chat_interactions i WHERE %3")
                 .arg(d.costSum(I), d.costColumn(I), where.sql),
        where.values };
}

BoundSql latencyPercentiles(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    // One pass over the window, unpivoted into the three latency metrics.
    const QString source
        = QStringLiteral("SELECT 0 AS grp, m.metric AS metric, CASE m.metric WHEN 0 THEN i.total_latency_ms"
                         " WHEN 1 THEN i.retrieval_latency_ms ELSE i.generation_latency_ms END AS x"
                         " FROM chat_interactions i"
                         " CROSS JOIN (SELECT 0 AS metric UNION ALL SELECT 1 UNION ALL SELECT 2) m"
                         " WHERE %1")
              .arg(where.sql);
    return percentileSql(d, source, where.values);
}

BoundSql confidenceHistogram(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral("SELECT %1, COUNT(*) FROM chat_interactions i WHERE %2 GROUP BY %1")
                 .arg(d.confidenceBucket(QStringLiteral("i.confidence_score")), where.sql),
        where.values };
}

BoundSql ratingHistogram(const SqlDialect& d, const Filter& filter)
{
    // Feedback is windowed on its own created_at; user and model narrow it through its
    // interaction, which the derived table exposes under the names filterWhere() expects.
    const SqlWhere where = filterWhere(d, filter, QStringLiteral("fb"));
    return { QStringLiteral(
                 "SELECT fb.rating, COUNT(*) FROM (SELECT f.rating, f.created_at, i.user_id, i.model_name"
                 " FROM chat_feedbacks f JOIN chat_interactions i ON i.id = f.interaction_id) fb"
                 " WHERE %1 GROUP BY fb.rating")
                 .arg(where.sql),
        where.values };
}

BoundSql feedbackRate(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral(
                 "SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM chat_feedbacks f"
                 " WHERE f.interaction_id = i.id) THEN 1 ELSE 0 END) FROM chat_interactions i WHERE %1")
                 .arg(where.sql),
        where.values };
}

BoundSql dailyCost(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral(
                 "SELECT %1, i.model_name, COUNT(*), SUM(i.prompt_tokens), SUM(i.completion_tokens), %2"
                 " FROM chat_interactions i WHERE %3 GROUP BY %1, i.model_name"
                 " ORDER BY %1%4, CASE WHEN i.model_name IS NULL THEN 1 ELSE 0 END, i.model_name%4")
                 .arg(d.dayOf(QStringLiteral("i.created_at")), d.costSum(I), where.sql, byteOrder(d)),
        where.values };
}

BoundSql latencyBuckets(const SqlDialect& d, const Filter& filter, TimeBucket bucket)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral("SELECT %1, COUNT(*), AVG(i.retrieval_latency_ms), AVG(i.generation_latency_ms)"
                            " FROM chat_interactions i WHERE %2 GROUP BY %1")
                 .arg(bucketOf(d, bucket), where.sql),
        where.values };
}

BoundSql latencyBucketPercentiles(const SqlDialect& d, const Filter& filter, TimeBucket bucket)
{
    const SqlWhere where = filterWhere(d, filter, I);
    const QString source = QStringLiteral("SELECT %1 AS grp, 0 AS metric, i.total_latency_ms AS x"
                                          " FROM chat_interactions i WHERE %2")
                               .arg(bucketOf(d, bucket), where.sql);
    return percentileSql(d, source, where.values);
}

BoundSql confidenceByRating(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral("SELECT f.rating, COUNT(*), AVG(i.confidence_score) FROM chat_interactions i"
                            " JOIN chat_feedbacks f ON f.interaction_id = i.id WHERE %1 GROUP BY f.rating")
                 .arg(where.sql),
        where.values };
}

BoundSql userStats(const SqlDialect& d, const Filter& filter, int limit)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { QStringLiteral(
                 "SELECT i.user_id, COUNT(*), %1, AVG(i.total_latency_ms), AVG(i.confidence_score),"
                 " AVG(CAST(f.rating AS DOUBLE PRECISION)), SUM(CASE WHEN f.rating <= 2 THEN 1 ELSE 0 END)"
                 " FROM chat_interactions i LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id"
                 " WHERE %2 GROUP BY i.user_id ORDER BY COUNT(*) DESC, i.user_id%3 LIMIT ?")
                 .arg(d.costSum(I), where.sql, byteOrder(d)),
        where.values + QVariantList { qMax(limit, 0) } };
}

BoundSql storeTotals(const SqlDialect& d)
{
    return { QStringLiteral(
                 "SELECT COUNT(*), COUNT(DISTINCT i.user_id), %1, %2, (SELECT COUNT(*) FROM chat_feedbacks)"
                 " FROM chat_interactions i")
                 .arg(d.timeText(QStringLiteral("MIN(i.created_at)")),
                     d.timeText(QStringLiteral("MAX(i.created_at)"))),
        {} };
}

BoundSql models(const SqlDialect& d)
{
    return { QStringLiteral("SELECT i.model_name FROM chat_interactions i WHERE i.model_name IS NOT NULL"
                            " GROUP BY i.model_name ORDER BY i.model_name%1")
                 .arg(byteOrder(d)),
        {} };
}

BoundSql busiestUsers(const SqlDialect& d, int limit)
{
    return { QStringLiteral("SELECT i.user_id FROM chat_interactions i GROUP BY i.user_id"
                            " ORDER BY COUNT(*) DESC, i.user_id%1 LIMIT ?")
                 .arg(byteOrder(d)),
        { qMax(limit, 0) } };
}

BoundSql reviewLabels(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { latestReviews(where)
            + QStringLiteral("SELECT l.label, COUNT(*) FROM latest l WHERE l.per_reviewer = 1"
                             " AND l.label IS NOT NULL AND l.label <> ''"
                             " GROUP BY l.label ORDER BY COUNT(*) DESC, l.label%1")
                  .arg(byteOrder(d)),
        where.values };
}

BoundSql reviewAgreement(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { latestReviews(where)
            + QStringLiteral(
                "SELECT COUNT(*), COUNT(f.rating),"
                " SUM(CASE WHEN ABS(l.rating - f.rating) <= 1 THEN 1 ELSE 0 END),"
                " AVG(CAST(ABS(l.rating - f.rating) AS DOUBLE PRECISION))"
                " FROM latest l LEFT JOIN chat_feedbacks f ON f.interaction_id = l.interaction_id"
                " WHERE l.newest = 1"),
        where.values };
}

} // namespace RagScope::MetricsSql
