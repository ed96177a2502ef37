#include "modelscsv.h"

namespace RagScope::ModelsCsv {

namespace {

CsvCell real(const std::optional<double>& v)
{
    return CsvCell::optional(v, &CsvCell::real);
}

CsvCell money(const std::optional<Money>& m)
{
    return CsvCell::optional(m, &CsvCell::money);
}

} // namespace

CsvTable table(const ModelComparison& c)
{
    CsvTable t;
    t.columns = { QStringLiteral("model"), QStringLiteral("requests"), QStringLiteral("share"),
        QStringLiteral("cost_usd"), QStringLiteral("unpriced_requests"),
        QStringLiteral("cost_per_request_usd"), QStringLiteral("cost_per_1k_tokens_usd"),
        QStringLiteral("total_p50_ms"), QStringLiteral("total_p95_ms"), QStringLiteral("retrieval_p50_ms"),
        QStringLiteral("retrieval_p95_ms"), QStringLiteral("generation_p50_ms"),
        QStringLiteral("generation_p95_ms"), QStringLiteral("avg_confidence"),
        QStringLiteral("feedback_rate"), QStringLiteral("ratings"), QStringLiteral("mean_rating"),
        QStringLiteral("mean_rating_ci95_lo"), QStringLiteral("mean_rating_ci95_hi"),
        QStringLiteral("low_rated_rate"), QStringLiteral("low_rated_ci95_lo"),
        QStringLiteral("low_rated_ci95_hi"), QStringLiteral("reviewed"),
        QStringLiteral("reviewer_mean_rating"), QStringLiteral("reviewer_low_rated") };
    for (const ModelFigures& m : c.models) {
        const auto ci = m.meanRatingCi95();
        const auto wilson = m.lowRatedWilson95();
        t.rows.append({ CsvCell::optional(m.model, &CsvCell::text), CsvCell::integer(m.requests),
            real(c.share(m)), CsvCell::money(m.cost), CsvCell::integer(m.unpricedRequests),
            money(m.costPerRequest()), money(m.costPer1kTokens()), real(m.latency.total.p50()),
            real(m.latency.total.p95()), real(m.latency.retrieval.p50()), real(m.latency.retrieval.p95()),
            real(m.latency.generation.p50()), real(m.latency.generation.p95()), real(m.avgConfidence),
            real(m.feedbackRate()), CsvCell::integer(m.ratingCount()), real(m.meanRating()),
            real(ci ? std::optional(ci->lo) : std::nullopt), real(ci ? std::optional(ci->hi) : std::nullopt),
            real(m.lowRatedRate()), real(wilson ? std::optional(wilson->lo) : std::nullopt),
            real(wilson ? std::optional(wilson->hi) : std::nullopt), CsvCell::integer(m.reviews.reviewed),
            real(m.reviews.meanRating), CsvCell::integer(m.reviews.lowRated) });
    }
    return t;
}

} // namespace RagScope::ModelsCsv
