#include "metricsqueries.h"
#include "sqlvalues.h"

#include "exactmean.h"
#include "filtersql.h"

namespace RagScope::MetricsSql {

namespace {

const QString I = QStringLiteral("i"); // alias of chat_interactions throughout

QString bucketOf(const SqlDialect& d, TimeBucket bucket)
{
    return bucket == TimeBucket::Hour ? d.hourOf(QStringLiteral("i.created_at"))
                                      : d.dayOf(QStringLiteral("i.created_at"));
}

/// The reviews in force (`inForce` on alias r: no undo rows, no undone saves) of the window's
/// interactions: per_reviewer = 1 marks each reviewer's latest, newest = 1 the latest of anyone.
/// SQLite walks the reviews and looks each interaction up (CROSS JOIN fixes its join order):
/// reviewers read a fraction of the answers, and its planner otherwise walked a million-row
/// window to find a handful of reviews (1 s on a 1M-row snapshot without any review).
QString latestReviews(const SqlDialect& d, const SqlWhere& where, const QString& inForce)
{
    return QStringLiteral(
        "WITH latest AS (SELECT r.interaction_id, r.rating, r.label,"
        " ROW_NUMBER() OVER (PARTITION BY r.interaction_id, r.reviewer"
        " ORDER BY r.created_at DESC, r.id DESC) AS per_reviewer,"
        " ROW_NUMBER() OVER (PARTITION BY r.interaction_id"
        " ORDER BY r.created_at DESC, r.id DESC) AS newest"
        " FROM ragscope_reviews r %3 chat_interactions i ON i.id = r.interaction_id WHERE %1 AND %2) ")
        .arg(where.sql, inForce, d.isPostgres() ? QLatin1String("JOIN") : QLatin1String("CROSS JOIN"));
}

} // namespace

namespace {

/// Window totals aggregated per user first (a small hash aggregate that runs in parallel), so
/// distinct users need no sort of the whole window. Columns as kpis(); with `withBuckets` also
/// the ten confidence buckets and unknown scores.
BoundSql windowTotals(const SqlDialect& d, const Filter& filter, bool withBuckets)
{
    const SqlWhere where = filterWhere(d, filter, I);
    // Per-user sums carry the cost column's own name, so costSum() reads them back exactly.
    const QString costName = d.costColumn(I).section(QLatin1Char('.'), 1);
    const QString bucket = d.confidenceBucket(QStringLiteral("i.confidence_score"));
    // Latency and confidence means from exact per-user sums (ExactMean): the same double on both dialects.
    const QString meanPartials
        = ExactMean::partialAggregates(d, QStringLiteral("i.total_latency_ms"), QStringLiteral("l"))
        + QStringLiteral(", ")
        + ExactMean::partialAggregates(d, QStringLiteral("i.confidence_score"), QStringLiteral("s"));
    const QString meanTotals = ExactMean::totalsOfPartials(QStringLiteral("u"), QStringLiteral("l"))
        + QStringLiteral(", ") + ExactMean::totalsOfPartials(QStringLiteral("u"), QStringLiteral("s"));
    QString innerExtra;
    QString outerExtra;
    if (withBuckets) {
        for (int k = 0; k < 10; ++k) {
            innerExtra
                += QStringLiteral(", SUM(CASE WHEN %1 = %2 THEN 1 ELSE 0 END) AS b%2").arg(bucket).arg(k);
            outerExtra += QStringLiteral(", CAST(SUM(u.b%1) AS BIGINT)").arg(k);
        }
        innerExtra
            += QStringLiteral(", SUM(CASE WHEN i.confidence_score IS NULL THEN 1 ELSE 0 END) AS unknown");
        outerExtra += QStringLiteral(", CAST(SUM(u.unknown) AS BIGINT)");
    }
    return { QStringLiteral(
                 "SELECT CAST(SUM(u.n) AS BIGINT), CAST(SUM(u.p) AS BIGINT), CAST(SUM(u.c) AS BIGINT),"
                 " CAST(SUM(u.t) AS BIGINT), %1, CAST(SUM(u.unpriced) AS BIGINT), %7,"
                 " COUNT(DISTINCT u.user_id)%2"
                 " FROM (SELECT i.user_id, COUNT(*) AS n, SUM(i.prompt_tokens) AS p, "
                 "SUM(i.completion_tokens) AS c,"
                 " SUM(i.total_tokens) AS t, SUM(%3) AS %4,"
                 " SUM(CASE WHEN %3 IS NULL AND (i.prompt_tokens > 0 OR i.completion_tokens > 0"
                 " OR i.total_tokens > 0) THEN 1 ELSE 0 END) AS unpriced, %8%5"
                 " FROM chat_interactions i WHERE %6 GROUP BY i.user_id) u")
                 .arg(d.costSum(QStringLiteral("u")), outerExtra, d.costColumn(I), costName, innerExtra,
                     where.sql, meanTotals, meanPartials),
        where.values };
}

} // namespace

BoundSql kpis(const SqlDialect& d, const Filter& filter)
{
    return windowTotals(d, filter, false);
}

BoundSql reportTotals(const SqlDialect& d, const Filter& filter)
{
    return windowTotals(d, filter, true);
}

BoundSql latencyPercentiles(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    const QString source
        = QStringLiteral("SELECT 0 AS grp, i.total_latency_ms AS x0, i.retrieval_latency_ms AS x1,"
                         " i.generation_latency_ms AS x2 FROM chat_interactions i WHERE %1")
              .arg(where.sql);
    return percentileSql(d, source, where.values, 3);
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
    if (!filter.user && !filter.model) {
        // Every feedback has its interaction (foreign key): without user/model there is nothing to join.
        const SqlWhere where = filterWhere(d, filter, QStringLiteral("f"));
        return { QStringLiteral("SELECT f.rating, COUNT(*) FROM chat_feedbacks f WHERE %1 GROUP BY f.rating")
                     .arg(where.sql),
            where.values };
    }
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
    // interaction_id is unique: the join adds no rows and lets PostgreSQL hash the feedback once.
    return { QStringLiteral("SELECT COUNT(*), COUNT(f.interaction_id) FROM chat_interactions i"
                            " LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id WHERE %1")
                 .arg(where.sql),
        where.values };
}

BoundSql dailyCost(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return {
        QStringLiteral(
            "SELECT %1, p.model_name, p.n, p.prompt, p.completion, p.cost, p.n - p.priced FROM (SELECT %2 AS "
            "day,"
            " i.model_name, COUNT(*) AS n, SUM(i.prompt_tokens) AS prompt, SUM(i.completion_tokens) AS "
            "completion,"
            " %3 AS cost, COUNT(%6) AS priced FROM chat_interactions i WHERE %4 GROUP BY %2, i.model_name) p"
            " ORDER BY p.day, CASE WHEN p.model_name IS NULL THEN 1 ELSE 0 END, p.model_name%5")
            .arg(d.dayKeyText(QStringLiteral("p.day")), d.dayKey(QStringLiteral("i.created_at")),
                d.costSum(I), where.sql, d.byteOrder(), d.costColumn(I)),
        where.values
    };
}

BoundSql latencyBuckets(const SqlDialect& d, const Filter& filter, TimeBucket bucket)
{
    const SqlWhere where = filterWhere(d, filter, I);
    // Byte-wise bucket text: PostgreSQL sorts the window by it without locale rules.
    const QString source
        = QStringLiteral("SELECT %1%2 AS grp, i.total_latency_ms AS x0, i.retrieval_latency_ms AS x1,"
                         " i.generation_latency_ms AS x2 FROM chat_interactions i WHERE %3")
              .arg(bucketOf(d, bucket), d.byteOrder(), where.sql);
    return percentileSql(d, source, where.values, 1,
        { QStringLiteral("COUNT(*)"), QStringLiteral("AVG(x1)"), QStringLiteral("AVG(x2)") });
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
                 " AVG(CAST(f.rating AS DOUBLE PRECISION)), SUM(CASE WHEN f.rating <= 2 THEN 1 ELSE 0 END),"
                 " COUNT(*) - COUNT(%4) FROM chat_interactions i LEFT JOIN chat_feedbacks f ON "
                 "f.interaction_id = i.id"
                 " WHERE %2 GROUP BY i.user_id ORDER BY COUNT(*) DESC, i.user_id%3 LIMIT ?")
                 .arg(d.costSum(I), where.sql, d.byteOrder(), d.costColumn(I)),
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
                 .arg(d.byteOrder()),
        {} };
}

BoundSql busiestUsers(const SqlDialect& d, int limit)
{
    return { QStringLiteral("SELECT i.user_id FROM chat_interactions i GROUP BY i.user_id"
                            " ORDER BY COUNT(*) DESC, i.user_id%1 LIMIT ?")
                 .arg(d.byteOrder()),
        { qMax(limit, 0) } };
}

BoundSql reviewLabels(const SqlDialect& d, const Filter& filter, const QString& inForce)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { latestReviews(d, where, inForce)
            + QStringLiteral("SELECT l.label, COUNT(*) FROM latest l WHERE l.per_reviewer = 1"
                             " AND l.label IS NOT NULL AND l.label <> ''"
                             " GROUP BY l.label ORDER BY COUNT(*) DESC, l.label%1")
                  .arg(d.byteOrder()),
        where.values };
}

BoundSql reviewAgreement(const SqlDialect& d, const Filter& filter, const QString& inForce)
{
    const SqlWhere where = filterWhere(d, filter, I);
    return { latestReviews(d, where, inForce)
            + QStringLiteral(
                "SELECT COUNT(*), COUNT(f.rating),"
                " SUM(CASE WHEN ABS(l.rating - f.rating) <= 1 THEN 1 ELSE 0 END),"
                " AVG(CAST(ABS(l.rating - f.rating) AS DOUBLE PRECISION))"
                " FROM latest l LEFT JOIN chat_feedbacks f ON f.interaction_id = l.interaction_id"
                " WHERE l.newest = 1"),
        where.values };
}

DailyCost dailyCostRow(const QSqlQuery& q, const SqlDialect& d)
{
    DailyCost c;
    c.day = q.value(0).toString();
    if (!q.value(1).isNull())
        c.model = q.value(1).toString();
    c.requests = sqlCount(q.value(2));
    c.promptTokens = sqlCount(q.value(3));
    c.completionTokens = sqlCount(q.value(4));
    c.cost = d.moneyValue(q.value(5));
    c.unpricedRequests = sqlCount(q.value(6));
    return c;
}

} // namespace RagScope::MetricsSql
