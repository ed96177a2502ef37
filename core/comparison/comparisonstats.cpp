#include "comparisonstats.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace RagScope::ComparisonStats {

namespace {

constexpr double Confidence = 0.95;

/// Continued fraction of the regularized incomplete beta (modified Lentz), valid for
/// x < (a + 1) / (a + b + 2).
double betaFraction(double a, double b, double x)
{
    constexpr double Tiny = 1e-300;
    constexpr double Epsilon = 1e-16;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::abs(d) < Tiny ? Tiny : d);
    double h = d;
    for (int m = 1; m <= 10'000; ++m) {
        const double m2 = 2.0 * m;
        for (const double term : { m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
                 -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)) }) {
            d = 1.0 + term * d;
            d = 1.0 / (std::abs(d) < Tiny ? Tiny : d);
            c = 1.0 + term / c;
            c = std::abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            if (std::abs(d * c - 1.0) < Epsilon && term < 0)
                return h;
        }
    }
    return h;
}

/// I_x(a, b).
double incompleteBeta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double front = std::exp(
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaFraction(a, b, x) / a;
    return 1.0 - front * betaFraction(b, a, 1.0 - x) / b;
}

double sumOf(const RatingCounts& counts, int power)
{
    double s = 0;
    for (int r = 1; r <= 5; ++r)
        s += double(counts[size_t(r - 1)]) * std::pow(double(r), power);
    return s;
}

double twoSidedNormalP(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

} // namespace

qint64 total(const RatingCounts& counts)
{
    qint64 n = 0;
    for (qint64 c : counts)
        n += c;
    return n;
}

qint64 lowRated(const RatingCounts& counts)
{
    return counts[0] + counts[1];
}

std::optional<MeanEstimate> ratingMean(const RatingCounts& counts)
{
    const qint64 n = total(counts);
    if (n == 0)
        return std::nullopt;
    MeanEstimate m;
    m.n = n;
    m.mean = sumOf(counts, 1) / double(n);
    if (n > 1) {
        // Σ(x − mean)² over the five values: no cancellation from Σx² − n·mean².
        double squares = 0;
        for (int r = 1; r <= 5; ++r)
            squares += double(counts[size_t(r - 1)]) * (r - m.mean) * (r - m.mean);
        m.variance = squares / double(n - 1);
    }
    return m;
}

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normalQuantile(double p)
{
    // Acklam's rational approximation (relative error 1.15e-9), then one Halley step on erfc.
    static constexpr double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
    static constexpr double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01 };
    static constexpr double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
    static constexpr double d[]
        = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
    if (p <= 0)
        return -std::numeric_limits<double>::infinity();
    if (p >= 1)
        return std::numeric_limits<double>::infinity();
    double x = 0;
    if (p < 0.02425) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
        const double q = std::sqrt(-2 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    const double e = normalCdf(x) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double studentTCdf(double t, double df)
{
    const double tail = 0.5 * incompleteBeta(df / 2.0, 0.5, df / (df + t * t));
    return t > 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df)
{
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -studentTQuantile(1.0 - p, df);
    // Bisection on the monotone CDF: slow but sure, and it runs a handful of times per page.
    double lo = 0;
    double hi = 1;
    while (studentTCdf(hi, df) < p)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

std::optional<Interval> meanInterval(const RatingCounts& counts)
{
    const auto m = ratingMean(counts);
    if (!m || m->n < 2)
        return std::nullopt;
    const double half
        = studentTQuantile(0.5 + Confidence / 2, double(m->n - 1)) * std::sqrt(m->variance / double(m->n));
    return Interval { m->mean - half, m->mean + half };
}

std::optional<Interval> wilsonInterval(qint64 successes, qint64 n)
{
    if (n <= 0)
        return std::nullopt;
    const double z = normalQuantile(0.5 + Confidence / 2);
    const double p = double(successes) / double(n);
    const double nn = double(n);
    const double centre = p + z * z / (2 * nn);
    const double spread = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
    const double scale = 1 + z * z / nn;
    return Interval { (centre - spread) / scale, (centre + spread) / scale };
}

std::optional<Difference> welch(const RatingCounts& a, const RatingCounts& b)
{
    const auto ma = ratingMean(a);
    const auto mb = ratingMean(b);
    if (!ma || !mb || ma->n < 2 || mb->n < 2)
        return std::nullopt;
    const double va = ma->variance / double(ma->n);
    const double vb = mb->variance / double(mb->n);
    if (va + vb == 0)
        return std::nullopt;
    const double se = std::sqrt(va + vb);
    const double df = (va + vb) * (va + vb) / (va * va / double(ma->n - 1) + vb * vb / double(mb->n - 1));
    Difference d;
    d.estimate = ma->mean - mb->mean;
    d.statistic = d.estimate / se;
    const double half = studentTQuantile(0.5 + Confidence / 2, df) * se;
    d.ci95 = { d.estimate - half, d.estimate + half };
    d.pValue = 2 * studentTCdf(-std::abs(d.statistic), df);
    return d;
}

std::optional<MannWhitney> mannWhitney(const RatingCounts& a, const RatingCounts& b)
{
    const qint64 na = total(a);
    const qint64 nb = total(b);
    if (na == 0 || nb == 0)
        return std::nullopt;
    const double n = double(na + nb);
    // Midrank of each rating over both samples, and the ties term Σ(t³ − t).
    double rankSumA = 0;
    double ties = 0;
    double below = 0;
    for (size_t r = 0; r < 5; ++r) {
        const double t = double(a[r] + b[r]);
        rankSumA += double(a[r]) * (below + (t + 1) / 2);
        ties += t * t * t - t;
        below += t;
    }
    MannWhitney m;
    m.u = rankSumA - double(na) * double(na + 1) / 2;
    const double mean = double(na) * double(nb) / 2;
    const double variance = double(na) * double(nb) / 12 * ((n + 1) - ties / (n * (n - 1)));
    if (variance <= 0)
        return m; // every rating the same: no test
    const double deviation = std::max(std::abs(m.u - mean) - 0.5, 0.0);
    m.z = (m.u >= mean ? 1 : -1) * deviation / std::sqrt(variance);
    m.pValue = std::min(1.0, twoSidedNormalP(m.z));
    return m;
}

std::optional<Difference> twoProportion(qint64 xA, qint64 nA, qint64 xB, qint64 nB)
{
    if (nA <= 0 || nB <= 0)
        return std::nullopt;
    const double pa = double(xA) / double(nA);
    const double pb = double(xB) / double(nB);
    Difference d;
    d.estimate = pa - pb;
    const double z = normalQuantile(0.5 + Confidence / 2);
    const double half = z * std::sqrt(pa * (1 - pa) / double(nA) + pb * (1 - pb) / double(nB));
    d.ci95 = { d.estimate - half, d.estimate + half };
    const double pooled = double(xA + xB) / double(nA + nB);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / double(nA) + 1 / double(nB)));
    if (se > 0) {
        d.statistic = d.estimate / se;
        d.pValue = twoSidedNormalP(d.statistic);
    }
    return d;
}

} // namespace RagScope::ComparisonStats
