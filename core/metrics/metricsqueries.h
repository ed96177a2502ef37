#pragma once

#include "exactmean.h"
#include "filter.h"
#include "metricstypes.h"
#include "percentilesql.h"
#include "store/sqldialect.h"

#include <QSqlQuery>

namespace RagScope::MetricsSql {

// The statements behind MetricsCollector, one per function, for either dialect. Each comment
// lists the columns the statement yields. Window, user and model always come from filterWhere();
// every value is bound.

/// requests, prompt, completion, total tokens, cost sum, unpriced requests, latency and
/// confidence as ExactMean columns each, distinct users (one row). See KpiColumns.
BoundSql kpis(const SqlDialect& d, const Filter& filter);
/// Where kpis() puts its columns.
namespace KpiColumns {
constexpr int Latency = 6; ///< ExactMean::meanAt() columns
constexpr int Confidence = Latency + ExactMean::Parts + 1; ///< ExactMean::meanAt() columns
constexpr int DistinctUsers = Confidence + ExactMean::Parts + 1;
constexpr int End = DistinctUsers + 1; ///< reportTotals() continues here
} // namespace KpiColumns
/// kpis() columns, then the counts of confidence buckets 0…9 and of unknown confidence
/// (one row): kpis() and confidenceHistogram() in one scan.
BoundSql reportTotals(const SqlDialect& d, const Filter& filter);
/// percentileSql() row (none for an empty window): grp 0, then levels of total, retrieval,
/// generation latency.
BoundSql latencyPercentiles(const SqlDialect& d, const Filter& filter);
/// confidence bucket (NULL: unknown), count.
BoundSql confidenceHistogram(const SqlDialect& d, const Filter& filter);
/// rating, count of feedback created in the window (user/model of its interaction).
BoundSql ratingHistogram(const SqlDialect& d, const Filter& filter);
/// interactions in the window, of them with feedback (one row).
BoundSql feedbackRate(const SqlDialect& d, const Filter& filter);
/// day, model, requests, prompt, completion, cost sum, unpriced requests; by day, then model
/// byte-wise, NULL last.
BoundSql dailyCost(const SqlDialect& d, const Filter& filter);
/// One row of dailyCost()'s columns (also the rollups' daily cost, which yields the same).
DailyCost dailyCostRow(const QSqlQuery& q, const SqlDialect& d);
/// bucket text, requests, avg retrieval, avg generation, then total latency levels.
BoundSql latencyBuckets(const SqlDialect& d, const Filter& filter, TimeBucket bucket);
/// rating, interactions, avg confidence.
BoundSql confidenceByRating(const SqlDialect& d, const Filter& filter);
/// user, requests, cost sum, avg latency, avg confidence, avg rating, low-rated, requests without
/// a cost; busiest first. (Plain AVG: shown rounded, where ExactMean's cost would buy nothing.)
BoundSql userStats(const SqlDialect& d, const Filter& filter, int limit);
/// interactions, distinct users, first and last created_at as timeText(), feedbacks (one row).
BoundSql storeTotals(const SqlDialect& d);
/// distinct model names, byte-wise.
BoundSql models(const SqlDialect& d);
/// user ids, busiest first, at most `limit`.
BoundSql busiestUsers(const SqlDialect& d, int limit);
/// label, count over each reviewer's latest review in force (`inForce`, alias r:
/// ReviewService::inForce); most first, then label byte-wise.
BoundSql reviewLabels(const SqlDialect& d, const Filter& filter, const QString& inForce);
/// reviewed, compared, agreeing, mean |newest review in force − user rating| (one row).
BoundSql reviewAgreement(const SqlDialect& d, const Filter& filter, const QString& inForce);

} // namespace RagScope::MetricsSql
