#include "metricscsv.h"

namespace RagScope::MetricsCsv {

namespace {

CsvCell optionalReal(const std::optional<double>& value)
{
    return CsvCell::optional(value, CsvCell::real);
}

} // namespace

CsvTable dailyCost(const QList<DailyCost>& rows)
{
    CsvTable table { { QStringLiteral("day"), QStringLiteral("model_name"), QStringLiteral("requests"),
                         QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"),
                         QStringLiteral("cost_usd"), QStringLiteral("unpriced_requests") },
        {} };
    for (const DailyCost& row : rows)
        table.rows.append({ CsvCell::text(row.day), CsvCell::optional(row.model, CsvCell::text),
            CsvCell::integer(row.requests), CsvCell::integer(row.promptTokens),
            CsvCell::integer(row.completionTokens), CsvCell::money(row.cost),
            CsvCell::integer(row.unpricedRequests) });
    return table;
}

CsvTable reconciliation(const QList<CostReconciliation>& rows)
{
    CsvTable table { { QStringLiteral("day"), QStringLiteral("model_name"), QStringLiteral("requests"),
                         QStringLiteral("stored_cost_usd"), QStringLiteral("stored_unpriced"),
                         QStringLiteral("recomputed_cost_usd"), QStringLiteral("recomputed_unpriced"),
                         QStringLiteral("difference_usd") },
        {} };
    for (const CostReconciliation& r : rows)
        table.rows.append(
            { CsvCell::text(r.day), CsvCell::optional(r.model, CsvCell::text), CsvCell::integer(r.requests),
                CsvCell::money(r.stored), CsvCell::integer(r.storedUnpriced), CsvCell::money(r.recomputed),
                CsvCell::integer(r.recomputedUnpriced), CsvCell::money(r.difference()) });
    return table;
}

CsvTable latencyPercentiles(const LatencyPercentiles& percentiles)
{
    CsvTable table { { QStringLiteral("phase") }, {} };
    for (double level : Percentiles::Levels)
        table.columns << QStringLiteral("p%1_ms").arg(qRound(level * 100));
    const std::pair<const char*, const Percentiles*> phases[] = { { "total", &percentiles.total },
        { "retrieval", &percentiles.retrieval }, { "generation", &percentiles.generation } };
    for (const auto& [name, values] : phases) {
        QList<CsvCell> row { CsvCell::text(QLatin1String(name)) };
        for (const std::optional<double>& value : values->values)
            row << optionalReal(value);
        table.rows << row;
    }
    return table;
}

CsvTable topUsers(const QList<UserStats>& rows)
{
    CsvTable table { { QStringLiteral("user_id"), QStringLiteral("requests"), QStringLiteral("cost_usd"),
                         QStringLiteral("avg_latency_ms"), QStringLiteral("avg_confidence"),
                         QStringLiteral("avg_rating"), QStringLiteral("low_rated") },
        {} };
    for (const UserStats& row : rows)
        table.rows.append({ CsvCell::text(row.user), CsvCell::integer(row.requests), CsvCell::money(row.cost),
            optionalReal(row.avgLatencyMs), optionalReal(row.avgConfidence), optionalReal(row.avgRating),
            CsvCell::integer(row.lowRated) });
    return table;
}

CsvTable confidenceBuckets(const ConfidenceHistogram& histogram)
{
    CsvTable table { { QStringLiteral("bucket"), QStringLiteral("score_from"), QStringLiteral("score_to"),
                         QStringLiteral("interactions") },
        {} };
    // Bounds as exact one-decimal text: 0.1 × k in binary would print as 0.30000000000000004.
    const auto bound = [](int tenths) {
        return CsvCell::decimal(QStringLiteral("%1.%2").arg(tenths / 10).arg(tenths % 10));
    };
    for (int bucket = 0; bucket < int(histogram.buckets.size()); ++bucket)
        table.rows.append({ CsvCell::integer(bucket), bound(bucket), bound(bucket + 1),
            CsvCell::integer(histogram.buckets[size_t(bucket)]) });
    table.rows.append({ CsvCell(), CsvCell(), CsvCell(), CsvCell::integer(histogram.unknown) });
    return table;
}

CsvTable ratings(const RatingSummary& ratings)
{
    CsvTable table { { QStringLiteral("rating"), QStringLiteral("feedbacks") }, {} };
    for (int rating = 1; rating <= int(ratings.counts.size()); ++rating)
        table.rows.append({ CsvCell::integer(rating), CsvCell::integer(ratings.counts[size_t(rating - 1)]) });
    return table;
}

CsvTable prices(const PriceTable& prices)
{
    CsvTable table { { QStringLiteral("model_prefix"), QStringLiteral("input_usd_per_1m"),
                         QStringLiteral("output_usd_per_1m"), QStringLiteral("valid_from"),
                         QStringLiteral("valid_to") },
        {} };
    const auto time
        = [](const QDateTime& t) { return t.isValid() ? CsvCell::text(t.toString(Qt::ISODate)) : CsvCell(); };
    for (const ModelPrice& row : prices.rows())
        table.rows.append({ CsvCell::text(row.prefix), CsvCell::decimal(row.input.toString()),
            row.output ? CsvCell::decimal(row.output->toString()) : CsvCell(), time(row.validFrom),
            time(row.validTo) });
    return table;
}

} // namespace RagScope::MetricsCsv
