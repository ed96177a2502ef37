#include "metricscollector.h"

#include "base/performancemonitor.h"
#include "feedback/reviewservice.h"
#include "metricsqueries.h"
#include "rollup/rollupanswer.h"
#include "rollup/rollupsystemstats.h"
#include "sqlvalues.h"

#include <QMap>

namespace RagScope {

namespace {

constexpr qint64 MsPerDay = 86'400'000;
constexpr int MaxPickerUsers = 500;

QDateTime bucketStart(const QString& text, TimeBucket bucket)
{
    if (bucket == TimeBucket::Day)
        return QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

Result<QSqlQuery> run(const StorePtr& store, const BoundSql& statement)
{
    return store->exec(statement.sql, statement.values);
}

/// The columns of MetricsSql::kpis() (and the start of reportTotals()).
KpiTotals kpisAt(const SqlDialect& d, const QSqlQuery& q)
{
    KpiTotals k;
    k.requests = sqlCount(q.value(0));
    k.promptTokens = sqlCount(q.value(1));
    k.completionTokens = sqlCount(q.value(2));
    k.totalTokens = sqlCount(q.value(3));
    k.totalCost = d.moneyValue(q.value(4));
    k.unpricedRequests = sqlCount(q.value(5));
    k.avgLatencyMs = ExactMean::meanAt(q, MetricsSql::KpiColumns::Latency);
    k.avgConfidence = ExactMean::meanAt(q, MetricsSql::KpiColumns::Confidence);
    k.distinctUsers = sqlCount(q.value(MetricsSql::KpiColumns::DistinctUsers));
    return k;
}

/// Counts per rating 1–5 and their mean, from MetricsSql::ratingHistogram().
void readRatingHistogram(QSqlQuery& hist, RatingSummary* s)
{
    qint64 ratingSum = 0;
    while (hist.next()) {
        const int rating = hist.value(0).toInt();
        if (rating < 1 || rating > 5)
            continue;
        s->counts[size_t(rating - 1)] = sqlCount(hist.value(1));
        ratingSum += rating * s->counts[size_t(rating - 1)];
    }
    // The mean of five counted ratings: exact, and no second pass over the feedback.
    if (s->total() > 0)
        s->average = double(ratingSum) / double(s->total());
}

} // namespace

MetricsCollector::MetricsCollector(StorePtr store, Answering answering, std::shared_ptr<EdgeReads> reads)
    : m_store(std::move(store))
    , m_answering(answering)
    , m_reads(std::move(reads))
{ }

RollupAnswer MetricsCollector::answer(const Filter& filter, const RollupPlan& plan) const
{
    return RollupAnswer(m_store, filter, plan, m_reads);
}

Result<std::optional<RollupPlan>> MetricsCollector::planFor(const Filter& filter) const
{
    return planFor(filter, filter.user ? RollupSql::Grain::DayUser : RollupSql::Grain::HourModel);
}

Result<std::optional<RollupPlan>> MetricsCollector::planFor(
    const Filter& filter, RollupSql::Grain grain) const
{
    if (m_answering == Answering::Exact)
        return std::optional<RollupPlan>();
    return RollupPlan::make(*m_store, filter, grain);
}

Result<KpiTotals> MetricsCollector::kpis(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).kpis();
    PerformanceMonitor perf(QStringLiteral("metrics kpis"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::kpis(d, filter)));
    return q.next() ? kpisAt(d, q) : KpiTotals {};
}

Result<LatencyPercentiles> MetricsCollector::latencyPercentiles(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).latencyPercentiles();
    PerformanceMonitor perf(QStringLiteral("metrics latency percentiles"));
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::latencyPercentiles(SqlDialect(m_store->dialect()), filter)));
    LatencyPercentiles result;
    if (q.next()) {
        const int levels = int(Percentiles::Levels.size());
        result.total = percentilesAt(q, 1);
        result.retrieval = percentilesAt(q, 1 + levels);
        result.generation = percentilesAt(q, 1 + 2 * levels);
    }
    return result;
}

Result<ConfidenceHistogram> MetricsCollector::confidenceHistogram(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).confidenceHistogram();
    PerformanceMonitor perf(QStringLiteral("metrics confidence histogram"));
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::confidenceHistogram(SqlDialect(m_store->dialect()), filter)));
    ConfidenceHistogram h;
    while (q.next()) {
        const qint64 n = sqlCount(q.value(1));
        const int bucket = q.value(0).toInt();
        if (q.value(0).isNull())
            h.unknown += n;
        else if (bucket >= 0 && bucket < int(h.buckets.size()))
            h.buckets[size_t(bucket)] += n;
    }
    return h;
}

Result<RatingSummary> MetricsCollector::ratings(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).ratings();
    PerformanceMonitor perf(QStringLiteral("metrics ratings"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(hist, run(m_store, MetricsSql::ratingHistogram(d, filter)));
    RatingSummary s;
    readRatingHistogram(hist, &s);
    RAGSCOPE_TRY(rate, run(m_store, MetricsSql::feedbackRate(d, filter)));
    if (rate.next()) {
        s.interactions = sqlCount(rate.value(0));
        s.interactionsWithFeedback = sqlCount(rate.value(1));
    }
    return s;
}

Result<QList<DailyCost>> MetricsCollector::dailyCost(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).dailyCost();
    PerformanceMonitor perf(QStringLiteral("metrics daily cost"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::dailyCost(d, filter)));
    QList<DailyCost> rows;
    while (q.next()) {
        rows << MetricsSql::dailyCostRow(q, d);
    }
    return rows;
}

Result<QList<LatencyPoint>> MetricsCollector::latencyOverTime(const Filter& filter, TimeBucket bucket) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).latencyOverTime(bucket);
    PerformanceMonitor perf(QStringLiteral("metrics latency over time"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::latencyBuckets(d, filter, bucket)));
    // Keyed by the bucket's ISO text, which sorts as time.
    QMap<QString, LatencyPoint> points;
    while (q.next()) {
        LatencyPoint& p = points[q.value(0).toString()];
        p.start = bucketStart(q.value(0).toString(), bucket);
        p.requests = sqlCount(q.value(1));
        p.avgRetrievalMs = sqlOptionalDouble(q.value(2));
        p.avgGenerationMs = sqlOptionalDouble(q.value(3));
        p.total = percentilesAt(q, 4);
    }
    return points.values();
}

Result<ConfidenceByRating> MetricsCollector::confidenceByRating(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).confidenceByRating();
    PerformanceMonitor perf(QStringLiteral("metrics confidence by rating"));
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::confidenceByRating(SqlDialect(m_store->dialect()), filter)));
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
    RAGSCOPE_TRY(plan, planFor(filter, RollupSql::Grain::DayUser));
    if (plan)
        return answer(filter, *plan).userStats(limit);
    PerformanceMonitor perf(QStringLiteral("metrics user stats"));
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q, run(m_store, MetricsSql::userStats(d, filter, limit)));
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
        u.unpricedRequests = sqlCount(q.value(7));
        users << u;
    }
    return users;
}

Result<SystemStats> MetricsCollector::systemStats() const
{
    PerformanceMonitor perf(QStringLiteral("metrics system stats"));
    const SqlDialect d(m_store->dialect());
    SystemStats s;
    if (m_answering == Answering::FromRollups) {
        RAGSCOPE_TRY(fast, RollupSystemStats(m_store).stats(MaxPickerUsers));
        if (fast) {
            s = *fast;
            RAGSCOPE_TRY(reviews, reviewCount());
            s.reviews = reviews;
            return s;
        }
    }
    RAGSCOPE_TRY(totals, run(m_store, MetricsSql::storeTotals(d)));
    if (totals.next()) {
        s.interactions = sqlCount(totals.value(0));
        s.users = sqlCount(totals.value(1));
        if (!totals.value(2).isNull())
            s.first = SqlDialect::parseTime(totals.value(2).toString());
        if (!totals.value(3).isNull())
            s.last = SqlDialect::parseTime(totals.value(3).toString());
        s.feedbacks = sqlCount(totals.value(4));
    }
    RAGSCOPE_TRY(reviews, reviewCount());
    s.reviews = reviews;
    RAGSCOPE_TRY(models, run(m_store, MetricsSql::models(d)));
    while (models.next())
        s.models << models.value(0).toString();
    RAGSCOPE_TRY(users, run(m_store, MetricsSql::busiestUsers(d, MaxPickerUsers)));
    while (users.next())
        s.userIds << users.value(0).toString();
    return s;
}

Result<qint64> MetricsCollector::reviewCount() const
{
    if (!m_store->hasReviews())
        return qint64(0);
    RAGSCOPE_TRY(reviews, m_store->exec(QStringLiteral("SELECT COUNT(*) FROM ragscope_reviews")));
    return reviews.next() ? sqlCount(reviews.value(0)) : qint64(0);
}

Result<ReviewSummary> MetricsCollector::reviewSummary(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics review summary"));
    ReviewSummary s;
    if (!m_store->hasReviews())
        return s;
    const SqlDialect d(m_store->dialect());
    // An undo row and the save it undid are not a verdict (schema version 6).
    const QString inForce = ReviewService::inForce(*m_store, QStringLiteral("r"));
    RAGSCOPE_TRY(labels, run(m_store, MetricsSql::reviewLabels(d, filter, inForce)));
    while (labels.next())
        s.labels.append({ labels.value(0).toString(), sqlCount(labels.value(1)) });
    RAGSCOPE_TRY(agreement, run(m_store, MetricsSql::reviewAgreement(d, filter, inForce)));
    if (agreement.next()) {
        s.reviewed = sqlCount(agreement.value(0));
        s.compared = sqlCount(agreement.value(1));
        s.agreeing = sqlCount(agreement.value(2));
        s.meanAbsoluteDifference = sqlOptionalDouble(agreement.value(3));
    }
    return s;
}

Result<OverviewFigures> MetricsCollector::overviewFigures(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan) {
        RAGSCOPE_TRY(summary, answer(filter, *plan).summary());
        return OverviewFigures::from(summary);
    }
    OverviewFigures figures;
    RAGSCOPE_TRY(totals, kpis(filter));
    RAGSCOPE_TRY(latency, latencyPercentiles(filter));
    RAGSCOPE_TRY(ratingSummary, ratings(filter));
    figures.kpis = totals;
    figures.p95LatencyMs = latency.total.p95();
    figures.ratings = ratingSummary;
    figures.projection = CostTracker::project(totals.totalCost, filter.from, filter.to);
    return figures;
}

Result<OverviewReport> MetricsCollector::overview(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("metrics overview"));
    RAGSCOPE_TRY(current, overviewFigures(filter));
    RAGSCOPE_TRY(previous, overviewFigures(filter.previous()));
    return OverviewReport { filter, current, previous };
}

Result<StatsReport> MetricsCollector::report(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    if (plan)
        return answer(filter, *plan).report();
    PerformanceMonitor perf(QStringLiteral("metrics report"));
    // Each scan of the window once: totals with confidence buckets, percentiles, feedback
    // presence (ratings), daily cost.
    const SqlDialect d(m_store->dialect());
    StatsReport r;
    r.filter = filter;
    RAGSCOPE_TRY(totals, run(m_store, MetricsSql::reportTotals(d, filter)));
    if (totals.next()) {
        constexpr int FirstBucket = MetricsSql::KpiColumns::End;
        r.kpis = kpisAt(d, totals);
        for (size_t b = 0; b < r.confidence.buckets.size(); ++b)
            r.confidence.buckets[b] = sqlCount(totals.value(FirstBucket + int(b)));
        r.confidence.unknown = sqlCount(totals.value(FirstBucket + 10));
    }
    RAGSCOPE_TRY(latency, latencyPercentiles(filter));
    r.latency = latency;
    RAGSCOPE_TRY(ratingSummary, ratings(filter));
    r.ratings = ratingSummary;
    RAGSCOPE_TRY(daily, dailyCost(filter));
    r.dailyCost = daily;
    r.projection = CostTracker::project(r.kpis.totalCost, filter.from, filter.to);
    return r;
}

Result<bool> MetricsCollector::usesRollups(const Filter& filter) const
{
    RAGSCOPE_TRY(plan, planFor(filter));
    return plan.has_value();
}

TimeBucket MetricsCollector::bucketFor(const Filter& filter)
{
    return filter.from.msecsTo(filter.to) <= 3 * MsPerDay ? TimeBucket::Hour : TimeBucket::Day;
}

} // namespace RagScope
