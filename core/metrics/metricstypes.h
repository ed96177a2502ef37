#pragma once

#include "filter.h"
#include "money/costtracker.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace RagScope {

/// Totals for a window (contract §3). Averages are empty where no row has a value.
struct KpiTotals
{
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 totalTokens = 0;
    Money totalCost;
    qint64 unpricedRequests = 0; ///< rows with tokens but no cost (unknown model): shown as a warning
    std::optional<double> avgLatencyMs;
    std::optional<double> avgConfidence;
    qint64 distinctUsers = 0;
};

/// p50, p75, p90, p95, p99 (continuous, as PostgreSQL's percentile_cont); empty over no rows.
struct Percentiles
{
    static constexpr std::array<double, 5> Levels { 0.50, 0.75, 0.90, 0.95, 0.99 };
    std::array<std::optional<double>, 5> values;
    std::optional<double> p50() const { return values[0]; }
    std::optional<double> p95() const { return values[3]; }
};

struct LatencyPercentiles
{
    Percentiles total;
    Percentiles retrieval;
    Percentiles generation;
};

/// Ten equal-width buckets, bucket = min(floor(score × 10), 9); NULL scores apart.
struct ConfidenceHistogram
{
    std::array<qint64, 10> buckets {};
    qint64 unknown = 0;
};

/// Feedback whose own created_at lies in the window; rate = interactions with feedback ÷ interactions.
struct RatingSummary
{
    std::array<qint64, 5> counts {}; ///< counts[0] is rating 1
    std::optional<double> average;
    qint64 interactions = 0;
    qint64 interactionsWithFeedback = 0;
    std::optional<double> feedbackRate() const
    {
        if (interactions == 0)
            return std::nullopt;
        return double(interactionsWithFeedback) / double(interactions);
    }
    qint64 total() const
    {
        qint64 n = 0;
        for (qint64 c : counts)
            n += c;
        return n;
    }
};

/// One (UTC day, model) cell of the daily cost table. model is empty for NULL model_name.
struct DailyCost
{
    QString day; ///< 'YYYY-MM-DD'
    std::optional<QString> model;
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    Money cost;
    qint64 unpricedRequests = 0; ///< requests stored without a cost (model not in the price table)
};

enum class TimeBucket { Hour, Day };

/// Latency percentiles of one time bucket (hour or day), with retrieval/generation means.
struct LatencyPoint
{
    QDateTime start;
    qint64 requests = 0;
    Percentiles total;
    std::optional<double> avgRetrievalMs;
    std::optional<double> avgGenerationMs;
};

/// Average confidence of the interactions that got each rating (1–5).
struct ConfidenceByRating
{
    std::array<std::optional<double>, 5> avgConfidence;
    std::array<qint64, 5> counts {};
};

/// Per-user statistics for the window, busiest first.
struct UserStats
{
    QString user;
    qint64 requests = 0;
    Money cost;
    qint64 unpricedRequests = 0; ///< requests stored without a cost (model not in the price table)
    std::optional<double> avgLatencyMs;
    std::optional<double> avgConfidence;
    std::optional<double> avgRating;
    qint64 lowRated = 0;
};

/// The whole store, regardless of window.
struct SystemStats
{
    qint64 interactions = 0;
    qint64 feedbacks = 0;
    qint64 reviews = 0;
    qint64 users = 0;
    QStringList models; ///< distinct model names, for filter pickers
    QStringList userIds; ///< distinct user ids, busiest first, capped at 500 (for filter pickers)
    std::optional<QDateTime> first;
    std::optional<QDateTime> last;
};

/// Reviewers' labels and how reviewers' ratings agree with end users'.
struct ReviewSummary
{
    QList<QPair<QString, qint64>> labels; ///< label → count of latest reviews, most first
    qint64 reviewed = 0; ///< interactions with at least one review
    qint64 compared = 0; ///< reviewed interactions that also have user feedback
    qint64 agreeing = 0; ///< of those, |reviewer − user| ≤ 1
    std::optional<double> meanAbsoluteDifference;
};

/// Everything `ragscope-cli stats` prints (contract §5).
struct StatsReport
{
    Filter filter;
    KpiTotals kpis;
    LatencyPercentiles latency;
    ConfidenceHistogram confidence;
    RatingSummary ratings;
    QList<DailyCost> dailyCost;
    CostProjection projection;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::KpiTotals)
Q_DECLARE_METATYPE(RagScope::LatencyPercentiles)
Q_DECLARE_METATYPE(RagScope::ConfidenceHistogram)
Q_DECLARE_METATYPE(RagScope::RatingSummary)
Q_DECLARE_METATYPE(RagScope::StatsReport)
