#include "statsjson.h"

#include <QJsonArray>
#include <QTimeZone>

namespace RagScope {

namespace {

QJsonValue optionalNumber(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject percentiles(const Percentiles& p)
{
    static const char* keys[] = { "p50", "p75", "p90", "p95", "p99" };
    QJsonObject o;
    for (size_t i = 0; i < p.values.size(); ++i)
        o.insert(QLatin1String(keys[i]), optionalNumber(p.values[i]));
    return o;
}

} // namespace

QString isoUtc(const QDateTime& time)
{
    const QDateTime utc = time.toTimeZone(QTimeZone::utc());
    return utc.toString(utc.time().msec() ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")
                                          : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QJsonObject statsToJson(const StatsReport& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("window"),
        QJsonObject { { QStringLiteral("from"), isoUtc(r.filter.from) },
            { QStringLiteral("to"), isoUtc(r.filter.to) } });
    if (r.filter.user)
        o.insert(QStringLiteral("user"), *r.filter.user);
    if (r.filter.model)
        o.insert(QStringLiteral("model"), *r.filter.model);
    o.insert(QStringLiteral("requests"), r.kpis.requests);
    o.insert(QStringLiteral("prompt_tokens"), r.kpis.promptTokens);
    o.insert(QStringLiteral("completion_tokens"), r.kpis.completionTokens);
    o.insert(QStringLiteral("total_tokens"), r.kpis.totalTokens);
    o.insert(QStringLiteral("total_cost_usd"), r.kpis.totalCost.toString());
    o.insert(QStringLiteral("unpriced_requests"), r.kpis.unpricedRequests);
    o.insert(QStringLiteral("avg_latency_ms"), optionalNumber(r.kpis.avgLatencyMs));
    o.insert(QStringLiteral("avg_confidence"), optionalNumber(r.kpis.avgConfidence));
    o.insert(QStringLiteral("latency_percentiles_ms"),
        QJsonObject { { QStringLiteral("total"), percentiles(r.latency.total) },
            { QStringLiteral("retrieval"), percentiles(r.latency.retrieval) },
            { QStringLiteral("generation"), percentiles(r.latency.generation) } });
    QJsonArray buckets;
    for (qint64 n : r.confidence.buckets)
        buckets.append(n);
    o.insert(QStringLiteral("confidence_buckets"), buckets);
    o.insert(QStringLiteral("confidence_unknown"), r.confidence.unknown);
    QJsonObject ratings;
    for (int i = 0; i < 5; ++i)
        ratings.insert(QString::number(i + 1), r.ratings.counts[size_t(i)]);
    o.insert(QStringLiteral("ratings"), ratings);
    o.insert(QStringLiteral("average_rating"), optionalNumber(r.ratings.average));
    o.insert(QStringLiteral("feedback_rate"), optionalNumber(r.ratings.feedbackRate()));
    QJsonArray daily;
    for (const DailyCost& d : r.dailyCost) {
        daily.append(QJsonObject { { QStringLiteral("day"), d.day },
            { QStringLiteral("model"), d.model ? QJsonValue(*d.model) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("requests"), d.requests }, { QStringLiteral("prompt_tokens"), d.promptTokens },
            { QStringLiteral("completion_tokens"), d.completionTokens },
            { QStringLiteral("cost_usd"), d.cost.toString() },
            { QStringLiteral("unpriced_requests"), d.unpricedRequests } });
    }
    o.insert(QStringLiteral("daily_cost"), daily);
    o.insert(QStringLiteral("projection"),
        QJsonObject { { QStringLiteral("daily_avg_usd"), r.projection.dailyAverage.toString() },
            { QStringLiteral("monthly_usd"), r.projection.monthly.toString() },
            { QStringLiteral("annual_usd"), r.projection.annual.toString() } });
    return o;
}

} // namespace RagScope
