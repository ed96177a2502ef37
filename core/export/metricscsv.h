#pragma once

#include "csvwriter.h"
#include "metrics/metricstypes.h"
#include "money/pricetable.h"
#include "pricing/costledger.h"

namespace RagScope {

/// The chart pages' tables for machines, from the value structs the pages already hold: raw
/// numbers, exact money, NULL where a value is undefined, snake_case column names.
namespace MetricsCsv {
/// day, model_name, requests, prompt_tokens, completion_tokens, cost_usd, unpriced_requests
CsvTable dailyCost(const QList<DailyCost>& rows);
/// phase (total, retrieval, generation), p50_ms … p99_ms
CsvTable latencyPercentiles(const LatencyPercentiles& percentiles);
/// user_id, requests, cost_usd, avg_latency_ms, avg_confidence, avg_rating, low_rated
CsvTable topUsers(const QList<UserStats>& rows);
/// bucket 0…9 with its [score_from, score_to) range, then the NULL scores (bucket NULL)
CsvTable confidenceBuckets(const ConfidenceHistogram& histogram);
/// rating 1…5, feedbacks
CsvTable ratings(const RatingSummary& ratings);
/// model_prefix, input_usd_per_1m, output_usd_per_1m (NULL for embedding models)
CsvTable prices(const PriceTable& table);
/// Stored vs recomputed cost per day and model (the Cost page's reconciliation table).
CsvTable reconciliation(const QList<CostReconciliation>& rows);
} // namespace MetricsCsv

} // namespace RagScope
