#pragma once

#include <QtGlobal>

#include <array>
#include <optional>

namespace RagScope::ComparisonStats {

// The intervals and tests of the Models page and `ragscope-cli models`, from textbook formulas.
// Ratings are 1–5, so every rating statistic works on the five counts (exact, whatever the number
// of ratings). All intervals are two-sided 95%; all p-values two-sided.

/// counts[0] is rating 1 … counts[4] rating 5.
using RatingCounts = std::array<qint64, 5>;

/// Fewer ratings (or answers) than this per model: the A/B tests say "not enough data" (the
/// normal approximations of Mann-Whitney U and of the z-test are reasonable from about 20).
constexpr qint64 MinSamplePerModel = 20;

struct Interval
{
    double lo = 0;
    double hi = 0;
};

struct MeanEstimate
{
    qint64 n = 0;
    double mean = 0;
    double variance = 0; ///< sample variance (n − 1); 0 for one value
};

/// A difference (A − B) with its interval, test statistic and p-value.
struct Difference
{
    double estimate = 0;
    Interval ci95;
    double statistic = 0; ///< t (Welch), z (proportions) or z of U (Mann-Whitney)
    std::optional<double> pValue; ///< none when the test is undefined (no variation at all)
};

struct MannWhitney
{
    double u = 0; ///< U of sample A
    double z = 0;
    std::optional<double> pValue; ///< none when every rating ties
};

qint64 total(const RatingCounts& counts);
/// Mean and sample variance of the ratings; none without ratings.
std::optional<MeanEstimate> ratingMean(const RatingCounts& counts);
/// Ratings ≤ 2.
qint64 lowRated(const RatingCounts& counts);

/// Φ(x) and its inverse (0 < p < 1).
double normalCdf(double x);
double normalQuantile(double p);
/// Student's t distribution with `df` > 0 degrees of freedom (df need not be whole).
double studentTCdf(double t, double df);
double studentTQuantile(double p, double df);

/// mean ± t(0.975, n − 1) · s/√n; none below 2 ratings.
std::optional<Interval> meanInterval(const RatingCounts& counts);
/// Wilson score interval of x successes in n; none for n = 0.
std::optional<Interval> wilsonInterval(qint64 successes, qint64 n);
/// Welch's t: mean A − mean B, CI with the Welch–Satterthwaite df, two-sided p; none below 2
/// ratings on a side or when both variances are 0.
std::optional<Difference> welch(const RatingCounts& a, const RatingCounts& b);
/// Mann-Whitney U of A against B (midranks; normal approximation with tie correction and a 0.5
/// continuity correction, as scipy.stats.mannwhitneyu(method="asymptotic")); none when a side is empty.
std::optional<MannWhitney> mannWhitney(const RatingCounts& a, const RatingCounts& b);
/// pA − pB: Wald CI of the difference, pooled two-proportion z-test; none when a side is empty.
std::optional<Difference> twoProportion(qint64 xA, qint64 nA, qint64 xB, qint64 nB);

} // namespace RagScope::ComparisonStats
