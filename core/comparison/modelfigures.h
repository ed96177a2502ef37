#pragma once

#include "comparisonstats.h"
#include "metrics/metricstypes.h"
#include "money/money.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

namespace RagScope {

/// Reviewers' verdicts on a model's answers: the newest review of each reviewed interaction.
struct ReviewVerdicts
{
    qint64 reviewed = 0;
    std::optional<double> meanRating;
    qint64 lowRated = 0; ///< newest review rated ≤ 2
    QList<QPair<QString, qint64>> labels; ///< label → count, most first
};

/// One model's figures in a window. Ratings are those of the answers it produced in the
/// window (by the interaction's created_at, whenever the feedback came).
struct ModelFigures
{
    std::optional<QString> model; ///< none: interactions without a model name
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    Money cost; ///< stored cost_estimate, exact
    qint64 unpricedRequests = 0; ///< tokens but no stored cost
    LatencyPercentiles latency;
    std::optional<double> avgConfidence;
    qint64 withFeedback = 0; ///< interactions that have feedback
    ComparisonStats::RatingCounts ratings {};
    ReviewVerdicts reviews;

    /// "gemini-1.5-pro", or "(no model)" for interactions without one.
    QString displayName() const;
    std::optional<double> feedbackRate() const;
    /// cost ÷ requests, exact to 8 decimals (half-to-even); none without requests.
    std::optional<Money> costPerRequest() const;
    /// cost × 1000 ÷ (prompt + completion tokens); none without tokens.
    std::optional<Money> costPer1kTokens() const;
    qint64 ratingCount() const { return ComparisonStats::total(ratings); }
    std::optional<double> meanRating() const;
    std::optional<ComparisonStats::Interval> meanRatingCi95() const;
    qint64 lowRated() const { return ComparisonStats::lowRated(ratings); }
    /// Share of rated answers rated ≤ 2; none without ratings.
    std::optional<double> lowRatedRate() const;
    std::optional<ComparisonStats::Interval> lowRatedWilson95() const;
};

/// Every model of a window, sorted by name (byte-wise; no model last).
struct ModelComparison
{
    Filter filter; ///< its model is ignored: every model is compared
    QList<ModelFigures> models;
    /// Always false today: the rollups keep ratings by feedback time, not by interaction time,
    /// so the comparison reads the base tables (exact, percentiles equal to percentile_cont).
    bool fromRollups = false;

    qint64 totalRequests() const;
    /// requests of `figures` ÷ all requests in the window; none for an empty window.
    std::optional<double> share(const ModelFigures& figures) const;
    /// The model named `name`, or none.
    std::optional<ModelFigures> find(const QString& name) const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::ModelComparison)
