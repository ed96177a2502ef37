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

QJsonObject window(const Filter& filter)
{
    return QJsonObject { { QStringLiteral("from"), isoUtc(filter.from) },
        { QStringLiteral("to"), isoUtc(filter.to) } };
}

QJsonObject projection(const CostProjection& p)
{
    return QJsonObject { { QStringLiteral("daily_avg_usd"), p.dailyAverage.toString() },
        { QStringLiteral("monthly_usd"), p.monthly.toString() },
        { QStringLiteral("annual_usd"), p.annual.toString() } };
}

// A difference (absolute) or a percentage (relative) of a change; null when it has none (also
// when the previous window is too small for a percentage: FigureChange::MinimumBaseline).
QJsonValue changeValue(const FigureChange& change)
{
    switch (change.kind) {
    case FigureChange::Kind::Same:
        return 0.0;
    case FigureChange::Kind::Moved:
        return change.amount;
    case FigureChange::Kind::NoPrevious:
    case FigureChange::Kind::NoCurrent:
    case FigureChange::Kind::Difference:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

std::optional<double> difference(const std::optional<double>& current, const std::optional<double>& previous)
{
    if (!current || !previous)
        return std::nullopt;
    return *current - *previous;
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
    o.insert(QStringLiteral("window"), window(r.filter));
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
    o.insert(QStringLiteral("projection"), projection(r.projection));
    return o;
}

QJsonObject previousToJson(const OverviewReport& c)
{
    const OverviewFigures& p = c.previous;
    QJsonObject o;
    o.insert(QStringLiteral("window"), window(c.filter.previous()));
    o.insert(QStringLiteral("requests"), p.kpis.requests);
    o.insert(QStringLiteral("total_cost_usd"), p.kpis.totalCost.toString());
    o.insert(QStringLiteral("unpriced_requests"), p.kpis.unpricedRequests);
    o.insert(QStringLiteral("avg_latency_ms"), optionalNumber(p.kpis.avgLatencyMs));
    o.insert(QStringLiteral("p95_latency_ms"), optionalNumber(p.p95LatencyMs));
    o.insert(QStringLiteral("avg_confidence"), optionalNumber(p.kpis.avgConfidence));
    o.insert(QStringLiteral("average_rating"), optionalNumber(p.ratings.average));
    o.insert(QStringLiteral("feedback_rate"), optionalNumber(p.ratings.feedbackRate()));
    o.insert(QStringLiteral("projection"), projection(p.projection));
    const OverviewFigures& n = c.current;
    o.insert(QStringLiteral("change"),
        QJsonObject {
            { QStringLiteral("requests"), c.requestsDifference() },
            { QStringLiteral("requests_pct"), changeValue(c.requests()) },
            { QStringLiteral("total_cost_usd"), c.costDifference().toString() },
            { QStringLiteral("total_cost_pct"), changeValue(c.totalCost()) },
            { QStringLiteral("avg_latency_ms"),
                optionalNumber(difference(n.kpis.avgLatencyMs, p.kpis.avgLatencyMs)) },
            { QStringLiteral("avg_latency_pct"), changeValue(c.avgLatency()) },
            { QStringLiteral("p95_latency_ms"), optionalNumber(difference(n.p95LatencyMs, p.p95LatencyMs)) },
            { QStringLiteral("p95_latency_pct"), changeValue(c.p95Latency()) },
            { QStringLiteral("avg_confidence"), changeValue(c.avgConfidence()) },
            { QStringLiteral("average_rating"), changeValue(c.avgRating()) },
            { QStringLiteral("feedback_rate"), changeValue(c.feedbackRate()) },
        });
    return o;
}

} // namespace RagScope
