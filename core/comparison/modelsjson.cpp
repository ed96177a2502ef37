#include "modelsjson.h"

#include "report/statsjson.h"

#include <QJsonArray>

namespace RagScope {

namespace {

using namespace ComparisonStats;

QJsonValue number(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue money(const std::optional<Money>& v)
{
    return v ? QJsonValue(v->toString()) : QJsonValue(QJsonValue::Null);
}

QJsonValue interval(const std::optional<Interval>& i)
{
    return i ? QJsonValue(QJsonArray { i->lo, i->hi }) : QJsonValue(QJsonValue::Null);
}

QJsonObject p50p95(const Percentiles& p)
{
    return { { QStringLiteral("p50"), number(p.p50()) }, { QStringLiteral("p95"), number(p.p95()) } };
}

QJsonObject figuresToJson(const ModelComparison& c, const ModelFigures& m)
{
    QJsonObject labels;
    for (const auto& [label, count] : m.reviews.labels)
        labels.insert(label, count);
    return {
        { QStringLiteral("model"), m.model ? QJsonValue(*m.model) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("requests"), m.requests },
        { QStringLiteral("share"), number(c.share(m)) },
        { QStringLiteral("prompt_tokens"), m.promptTokens },
        { QStringLiteral("completion_tokens"), m.completionTokens },
        { QStringLiteral("cost_usd"), m.cost.toString() },
        { QStringLiteral("unpriced_requests"), m.unpricedRequests },
        { QStringLiteral("cost_per_request_usd"), money(m.costPerRequest()) },
        { QStringLiteral("cost_per_1k_tokens_usd"), money(m.costPer1kTokens()) },
        { QStringLiteral("avg_confidence"), number(m.avgConfidence) },
        { QStringLiteral("feedback_rate"), number(m.feedbackRate()) },
        { QStringLiteral("latency_ms"),
            QJsonObject { { QStringLiteral("total"), p50p95(m.latency.total) },
                { QStringLiteral("retrieval"), p50p95(m.latency.retrieval) },
                { QStringLiteral("generation"), p50p95(m.latency.generation) } } },
        { QStringLiteral("rating"),
            QJsonObject { { QStringLiteral("count"), m.ratingCount() },
                { QStringLiteral("mean"), number(m.meanRating()) },
                { QStringLiteral("ci95"), interval(m.meanRatingCi95()) } } },
        { QStringLiteral("low_rated_rate"),
            QJsonObject { { QStringLiteral("value"), number(m.lowRatedRate()) },
                { QStringLiteral("ci95"), interval(m.lowRatedWilson95()) } } },
        { QStringLiteral("reviews"),
            QJsonObject { { QStringLiteral("reviewed"), m.reviews.reviewed },
                { QStringLiteral("mean_rating"), number(m.reviews.meanRating) },
                { QStringLiteral("low_rated"), m.reviews.lowRated }, { QStringLiteral("labels"), labels } } },
    };
}

QJsonValue difference(const std::optional<Difference>& d, const QString& statistic)
{
    if (!d)
        return QJsonValue::Null;
    return QJsonObject { { QStringLiteral("estimate"), d->estimate },
        { QStringLiteral("ci95"), QJsonArray { d->ci95.lo, d->ci95.hi } }, { statistic, d->statistic },
        { QStringLiteral("p_value"), number(d->pValue) } };
}

QJsonObject testsToJson(const AbTests& t)
{
    QJsonObject o { { QStringLiteral("ratings_a"), total(t.a) }, { QStringLiteral("ratings_b"), total(t.b) },
        { QStringLiteral("enough_data"), t.enoughData } };
    if (!t.enoughData)
        return o;
    o.insert(QStringLiteral("mean_rating_difference"), difference(t.meanRating, QStringLiteral("t")));
    o.insert(QStringLiteral("mann_whitney"),
        t.ratings ? QJsonValue(QJsonObject { { QStringLiteral("u"), t.ratings->u },
            { QStringLiteral("z"), t.ratings->z }, { QStringLiteral("p_value"), number(t.ratings->pValue) } })
                  : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("low_rated_rate_difference"), difference(t.lowRatedRate, QStringLiteral("z")));
    return o;
}

} // namespace

QJsonObject modelsToJson(const ModelComparison& c)
{
    QJsonArray models;
    for (const ModelFigures& m : c.models)
        models.append(figuresToJson(c, m));
    return { { QStringLiteral("window"),
                 QJsonObject { { QStringLiteral("from"), isoUtc(c.filter.from) },
                     { QStringLiteral("to"), isoUtc(c.filter.to) } } },
        { QStringLiteral("models"), models } };
}

QJsonObject abToJson(const AbComparison& c)
{
    QJsonArray weeks;
    for (const AbWeek& w : c.weeks) {
        QJsonObject o = testsToJson(w.tests);
        o.insert(QStringLiteral("week"), w.monday.toString(Qt::ISODate));
        o.insert(QStringLiteral("requests_a"), w.requestsA);
        o.insert(QStringLiteral("requests_b"), w.requestsB);
        weeks.append(o);
    }
    return { { QStringLiteral("a"), c.a }, { QStringLiteral("b"), c.b },
        { QStringLiteral("min_sample"), MinSamplePerModel },
        { QStringLiteral("window"), testsToJson(c.window) }, { QStringLiteral("weeks"), weeks } };
}

} // namespace RagScope
