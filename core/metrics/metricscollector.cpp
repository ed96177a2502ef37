#include "metricscollector.h"

#include "base/performancemonitor.h"
#include "filtersql.h"
#include "percentilesql.h"
#include "sqlvalues.h"

#include <QMap>

namespace RagScope {

namespace {

constexpr qint64 MsPerDay = 86'400'000;
constexpr int MaxPickerUsers = 500;
const QString I = QStringLiteral("i"); // alias of chat_interactions in every query

/// Byte-wise text order on PostgreSQL, so both dialects sort alike (SQLite's BINARY already is).
QString byteOrder(const SqlDialect& d)
{
    return d.isPostgres() ? QStringLiteral(" COLLATE \"C\"") : QString();
}

QDateTime bucketStart(const QString& text, TimeBucket bucket)
{
    if (bucket == TimeBucket::Day)
        return QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

} // namespace

MetricsCollector::MetricsCollector(StorePtr store)
    : m_store(std::move(store))
{
}

Result<KpiTotals> MetricsCollector::kpis(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics kpis"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    const QString sql = QStringLiteral(
                            "SELECT COUNT(*), SUM(i.prompt_tokens), SUM(i.completion_tokens), SUM(i.total_tokens), %1,"
                            " SUM(CASE WHEN %2 IS NULL AND (i.prompt_tokens > 0 OR i.completion_tokens > 0"
                            " OR i.total_tokens > 0) THEN 1 ELSE 0 END),"
                            " AVG(i.total_latency_ms), AVG(i.confidence_score), COUNT(DISTINCT i.user_id)"
                            " FROM chat_interactions i WHERE %3")
                            .arg(d.costSum(I), d.costColumn(I), where.sql);
    RAGSCOPE_TRY(q, m_store->exec(sql, where.values));
    KpiTotals k;
    if (!q.next())
        return k;
    k.requests = sqlCount(q.value(0));
    k.promptTokens = sqlCount(q.value(1));
    k.completionTokens = sqlCount(q.value(2));
    k.totalTokens = sqlCount(q.value(3));
    k.totalCost = d.moneyValue(q.value(4));
    k.unpricedRequests = sqlCount(q.value(5));
    k.avgLatencyMs = sqlOptionalDouble(q.value(6));
    k.avgConfidence = sqlOptionalDouble(q.value(7));
    k.distinctUsers = sqlCount(q.value(8));
    return k;
}

Result<LatencyPercentiles> MetricsCollector::latencyPercentiles(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics latency percentiles"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    // One pass over the window, unpivoted into metric 0 total, 1 retrieval, 2 generation.
    const QString source = QStringLiteral(
                               "SELECT 0 AS grp, m.metric AS metric, CASE m.metric WHEN 0 THEN i.total_latency_ms"
                               " WHEN 1 THEN i.retrieval_latency_ms ELSE i.generation_latency_ms END AS x"
                               " FROM chat_interactions i"
                               " CROSS JOIN (SELECT 0 AS metric UNION ALL SELECT 1 UNION ALL SELECT 2) m WHERE %1")
                               .arg(where.sql);
    const BoundSql sql = percentileSql(d, source, where.values);
    RAGSCOPE_TRY(q, m_store->exec(sql.sql, sql.values));
    LatencyPercentiles result;
    while (q.next()) {
        const Percentiles p = percentilesAt(q, 2);
        switch (q.value(1).toInt()) {
        case 0:
            result.total = p;
            break;
        case 1:
            result.retrieval = p;
            break;
        default:
            result.generation = p;
            break;
        }
    }
    return result;
}

Result<ConfidenceHistogram> MetricsCollector::confidenceHistogram(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics confidence histogram"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    const QString sql = QStringLiteral("SELECT %1, COUNT(*) FROM chat_interactions i WHERE %2 GROUP BY %1")
                            .arg(d.confidenceBucket(QStringLiteral("i.confidence_score")), where.sql);
    RAGSCOPE_TRY(q, m_store->exec(sql, where.values));
    ConfidenceHistogram h;
    while (q.next()) {
        const qint64 n = sqlCount(q.value(1));
        if (q.value(0).isNull()) {
            h.unknown += n;
            continue;
        }
        const int bucket = q.value(0).toInt();
        if (bucket >= 0 && bucket < int(h.buckets.size()))
            h.buckets[size_t(bucket)] += n;
    }
    return h;
}

Result<RatingSummary> MetricsCollector::ratings(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics ratings"));
    const SqlDialect d(m_store->dialect());
    // Feedback is windowed on its own created_at; user and model narrow it through its
    // interaction, which the derived table exposes under the names filterWhere() expects.
    const SqlWhere feedbackWhere = filterWhere(d, filter, QStringLiteral("fb"));
    RAGSCOPE_TRY(hist, m_store->exec(QStringLiteral("SELECT fb.rating, COUNT(*) FROM (SELECT f.rating, f.created_at,"
                                                    " i.user_id, i.model_name FROM chat_feedbacks f"
                                                    " JOIN chat_interactions i ON i.id = f.interaction_id) fb"
                                                    " WHERE %1 GROUP BY fb.rating")
                                         .arg(feedbackWhere.sql),
                                     feedbackWhere.values));
    RatingSummary s;
    qint64 ratingSum = 0;
    while (hist.next()) {
        const int rating = hist.value(0).toInt();
        const qint64 n = sqlCount(hist.value(1));
        if (rating < 1 || rating > 5)
            continue;
        s.counts[size_t(rating - 1)] = n;
        ratingSum += rating * n;
    }
    if (s.total() > 0)
        s.average = double(ratingSum) / double(s.total());

    const SqlWhere where = filterWhere(d, filter, I);
    RAGSCOPE_TRY(rate, m_store->exec(QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM chat_feedbacks f"
                                                    " WHERE f.interaction_id = i.id) THEN 1 ELSE 0 END)"
                                                    " FROM chat_interactions i WHERE %1")
                                         .arg(where.sql),
                                     where.values));
    if (rate.next()) {
        s.interactions = sqlCount(rate.value(0));
        s.interactionsWithFeedback = sqlCount(rate.value(1));
    }
    return s;
}

Result<QList<DailyCost>> MetricsCollector::dailyCost(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics daily cost"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    const QString sql = QStringLiteral("SELECT %1, i.model_name, COUNT(*), SUM(i.prompt_tokens), SUM(i.completion_tokens), %2"
                                       " FROM chat_interactions i WHERE %3 GROUP BY %1, i.model_name"
                                       " ORDER BY %1%4, CASE WHEN i.model_name IS NULL THEN 1 ELSE 0 END,"
                                       " i.model_name%4")
                            .arg(d.dayOf(QStringLiteral("i.created_at")), d.costSum(I), where.sql, byteOrder(d));
    RAGSCOPE_TRY(q, m_store->exec(sql, where.values));
    QList<DailyCost> rows;
    while (q.next()) {
        DailyCost c;
        c.day = q.value(0).toString();
        if (!q.value(1).isNull())
            c.model = q.value(1).toString();
        c.requests = sqlCount(q.value(2));
        c.promptTokens = sqlCount(q.value(3));
        c.completionTokens = sqlCount(q.value(4));
        c.cost = d.moneyValue(q.value(5));
        rows << c;
    }
    return rows;
}

Result<QList<LatencyPoint>> MetricsCollector::latencyOverTime(const Filter& filter, TimeBucket bucket) const
{
    PerformanceMonitor perf(QStringLiteral("metrics latency over time"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    const QString start = bucket == TimeBucket::Hour ? d.hourOf(QStringLiteral("i.created_at"))
                                                     : d.dayOf(QStringLiteral("i.created_at"));
    RAGSCOPE_TRY(q, m_store->exec(QStringLiteral("SELECT %1, COUNT(*), AVG(i.retrieval_latency_ms),"
                                                 " AVG(i.generation_latency_ms) FROM chat_interactions i"
                                                 " WHERE %2 GROUP BY %1")
                                      .arg(start, where.sql),
                                  where.values));
    // Keyed by the ISO bucket text, which sorts as time.
    QMap<QString, LatencyPoint> points;
    while (q.next()) {
        LatencyPoint& p = points[q.value(0).toString()];
        p.start = bucketStart(q.value(0).toString(), bucket);
        p.requests = sqlCount(q.value(1));
        p.avgRetrievalMs = sqlOptionalDouble(q.value(2));
        p.avgGenerationMs = sqlOptionalDouble(q.value(3));
    }
    const QString source = QStringLiteral("SELECT %1 AS grp, 0 AS metric, i.total_latency_ms AS x"
                                          " FROM chat_interactions i WHERE %2")
                               .arg(start, where.sql);
    const BoundSql sql = percentileSql(d, source, where.values);
    RAGSCOPE_TRY(pq, m_store->exec(sql.sql, sql.values));
    while (pq.next()) {
        const auto it = points.find(pq.value(0).toString());
        if (it != points.end())
            it->total = percentilesAt(pq, 2);
    }
    return points.values();
}

Result<ConfidenceByRating> MetricsCollector::confidenceByRating(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics confidence by rating"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    RAGSCOPE_TRY(q, m_store->exec(QStringLiteral("SELECT f.rating, COUNT(*), AVG(i.confidence_score)"
                                                 " FROM chat_interactions i JOIN chat_feedbacks f"
                                                 " ON f.interaction_id = i.id WHERE %1 GROUP BY f.rating")
                                      .arg(where.sql),
                                  where.values));
    ConfidenceByRating c;
    while (q.next()) {
        const int rating = q.value(0).toInt();
        if (rating < 1 || rating > 5)
            continue;
        c.counts[size_t(rating - 1)] = sqlCount(q.value(1));
        c.avgConfidence[size_t(rating - 1)] = sqlOptionalDouble(q.value(2));
    }
    return c;
}

Result<QList<UserStats>> MetricsCollector::userStats(const Filter& filter, int limit) const
{
    PerformanceMonitor perf(QStringLiteral("metrics user stats"));
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    const QString sql = QStringLiteral("SELECT i.user_id, COUNT(*), %1, AVG(i.total_latency_ms), AVG(i.confidence_score),"
                                       " AVG(CAST(f.rating AS DOUBLE PRECISION)),"
                                       " SUM(CASE WHEN f.rating <= 2 THEN 1 ELSE 0 END)"
                                       " FROM chat_interactions i LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id"
                                       " WHERE %2 GROUP BY i.user_id ORDER BY COUNT(*) DESC, i.user_id%3 LIMIT ?")
                            .arg(d.costSum(I), where.sql, byteOrder(d));
    RAGSCOPE_TRY(q, m_store->exec(sql, where.values + QVariantList { qMax(limit, 0) }));
    QList<UserStats> users;
    while (q.next()) {
        UserStats u;
        u.user = q.value(0).toString();
        u.requests = sqlCount(q.value(1));
        u.cost = d.moneyValue(q.value(2));
        u.avgLatencyMs = sqlOptionalDouble(q.value(3));
        u.avgConfidence = sqlOptionalDouble(q.value(4));
        u.avgRating = sqlOptionalDouble(q.value(5));
        u.lowRated = sqlCount(q.value(6));
        users << u;
    }
    return users;
}

Result<SystemStats> MetricsCollector::systemStats() const
{
    PerformanceMonitor perf(QStringLiteral("metrics system stats"));
    const SqlDialect d(m_store->dialect());
    SystemStats s;
    RAGSCOPE_TRY(totals, m_store->exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT i.user_id), %1, %2,"
                                                      " (SELECT COUNT(*) FROM chat_feedbacks) FROM chat_interactions i")
                                           .arg(d.timeText(QStringLiteral("MIN(i.created_at)")),
                                                d.timeText(QStringLiteral("MAX(i.created_at)")))));
    if (totals.next()) {
        s.interactions = sqlCount(totals.value(0));
        s.users = sqlCount(totals.value(1));
        if (!totals.value(2).isNull())
            s.first = SqlDialect::parseTime(totals.value(2).toString());
        if (!totals.value(3).isNull())
            s.last = SqlDialect::parseTime(totals.value(3).toString());
        s.feedbacks = sqlCount(totals.value(4));
    }
    if (m_store->hasReviews()) {
        RAGSCOPE_TRY(reviews, m_store->exec(QStringLiteral("SELECT COUNT(*) FROM ragscope_reviews")));
        if (reviews.next())
            s.reviews = sqlCount(reviews.value(0));
    }
    RAGSCOPE_TRY(models, m_store->exec(QStringLiteral("SELECT i.model_name FROM chat_interactions i"
                                                      " WHERE i.model_name IS NOT NULL GROUP BY i.model_name"
                                                      " ORDER BY i.model_name%1")
                                           .arg(byteOrder(d))));
    while (models.next())
        s.models << models.value(0).toString();
    RAGSCOPE_TRY(users, m_store->exec(QStringLiteral("SELECT i.user_id FROM chat_interactions i GROUP BY i.user_id"
                                                     " ORDER BY COUNT(*) DESC, i.user_id%1 LIMIT ?")
                                          .arg(byteOrder(d)),
                                      { MaxPickerUsers }));
    while (users.next())
        s.userIds << users.value(0).toString();
    return s;
}

Result<ReviewSummary> MetricsCollector::reviewSummary(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics review summary"));
    ReviewSummary s;
    if (!m_store->hasReviews())
        return s;
    const SqlDialect d(m_store->dialect());
    const SqlWhere where = filterWhere(d, filter, I);
    // per_reviewer = 1: each reviewer's newest review; newest = 1: the newest review of anyone.
    const QString latest = QStringLiteral(
                               "WITH latest AS (SELECT r.interaction_id, r.rating, r.label,"
                               " ROW_NUMBER() OVER (PARTITION BY r.interaction_id, r.reviewer"
                               " ORDER BY r.created_at DESC, r.id DESC) AS per_reviewer,"
                               " ROW_NUMBER() OVER (PARTITION BY r.interaction_id"
                               " ORDER BY r.created_at DESC, r.id DESC) AS newest"
                               " FROM ragscope_reviews r JOIN chat_interactions i ON i.id = r.interaction_id WHERE %1) ")
                               .arg(where.sql);
    RAGSCOPE_TRY(labels, m_store->exec(latest
                                           + QStringLiteral("SELECT l.label, COUNT(*) FROM latest l WHERE l.per_reviewer = 1"
                                                            " AND l.label IS NOT NULL AND l.label <> ''"
                                                            " GROUP BY l.label ORDER BY COUNT(*) DESC, l.label%1")
                                                 .arg(byteOrder(d)),
                                       where.values));
    while (labels.next())
        s.labels.append({ labels.value(0).toString(), sqlCount(labels.value(1)) });
    RAGSCOPE_TRY(agreement,
                 m_store->exec(latest
                                   + QStringLiteral("SELECT COUNT(*), COUNT(f.rating),"
                                                    " SUM(CASE WHEN ABS(l.rating - f.rating) <= 1 THEN 1 ELSE 0 END),"
                                                    " AVG(CAST(ABS(l.rating - f.rating) AS DOUBLE PRECISION))"
                                                    " FROM latest l LEFT JOIN chat_feedbacks f"
                                                    " ON f.interaction_id = l.interaction_id WHERE l.newest = 1"),
                               where.values));
    if (agreement.next()) {
        s.reviewed = sqlCount(agreement.value(0));
        s.compared = sqlCount(agreement.value(1));
        s.agreeing = sqlCount(agreement.value(2));
        s.meanAbsoluteDifference = sqlOptionalDouble(agreement.value(3));
    }
    return s;
}

Result<StatsReport> MetricsCollector::report(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics report"));
    StatsReport r;
    r.filter = filter;
    RAGSCOPE_TRY(kpiTotals, kpis(filter));
    RAGSCOPE_TRY(latency, latencyPercentiles(filter));
    RAGSCOPE_TRY(confidence, confidenceHistogram(filter));
    RAGSCOPE_TRY(ratingSummary, ratings(filter));
    RAGSCOPE_TRY(daily, dailyCost(filter));
    r.kpis = kpiTotals;
    r.latency = latency;
    r.confidence = confidence;
    r.ratings = ratingSummary;
    r.dailyCost = daily;
    r.projection = CostTracker::project(r.kpis.totalCost, filter.from, filter.to);
    return r;
}

TimeBucket MetricsCollector::bucketFor(const Filter& filter)
{
    return filter.from.msecsTo(filter.to) <= 3 * MsPerDay ? TimeBucket::Hour : TimeBucket::Day;
}

} // namespace RagScope
