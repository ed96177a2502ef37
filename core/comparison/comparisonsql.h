#pragma once

#include "metrics/filter.h"
#include "metrics/percentilesql.h"
#include "store/sqldialect.h"

#include <QString>

namespace RagScope::ComparisonSql {

// The statements behind ModelComparer, for either dialect, one GROUP BY model each. A model
// travels as grp = '=' || model_name, '' for NULL, so that no name collides with "no model".
// The filter's model is ignored (every model is compared); window and user as filterWhere().

/// Decodes grp: none for '', else the name after '='.
std::optional<QString> modelOfGroup(const QString& grp);

/// percentileSql() row per model: grp; requests, prompt, completion, cost sum, unpriced
/// requests, confidence as ExactMean columns, interactions with feedback, counts of ratings
/// 1…5 (see Columns); then levels of total, retrieval and generation latency.
BoundSql modelFigures(const SqlDialect& d, const Filter& filter);
namespace Columns {
constexpr int Requests = 1, Prompt = 2, Completion = 3, Cost = 4, Unpriced = 5, Confidence = 6;
constexpr int WithFeedback = Confidence + 5; ///< after the ExactMean columns (4 sums, count)
constexpr int Ratings = WithFeedback + 1; ///< five counts
constexpr int Latency = Ratings + 5; ///< Percentiles::Levels × total, retrieval, generation
} // namespace Columns

/// grp, reviewed interactions, mean rating of their newest review, of those rated ≤ 2.
BoundSql reviewVerdicts(const SqlDialect& d, const Filter& filter);
/// grp, label, count of newest reviews with that label; by grp, most first, then label.
BoundSql reviewLabels(const SqlDialect& d, const Filter& filter);

/// Week (Monday, UTC, 'YYYY-MM-DD'), model, rating (NULL: no feedback), interactions; for the
/// two models `a` and `b` only.
BoundSql weeklyRatings(const SqlDialect& d, const Filter& filter, const QString& a, const QString& b);

} // namespace RagScope::ComparisonSql
