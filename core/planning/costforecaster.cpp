#include "costforecaster.h"

#include <algorithm>
#include <cmath>

namespace RagScope {

namespace {

constexpr double Z80 = 1.2815515655446004; // two-sided 80%: the 10% and 90% normal quantiles

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

} // namespace

CostForecaster::CostForecaster(const QList<double>& history, const QDate& firstDay)
    : m_firstDay(firstDay)
    , m_n(int(history.size()))
{
    if (m_n == 0)
        return;
    double sum = 0;
    for (double y : history)
        sum += y;
    m_mean = sum / m_n;
    // Slope: pairs a whole number of weeks apart share their weekday, so the weekly rhythm
    // cancels out of each pair's slope. Under two weeks: every pair.
    const int step = m_n >= 14 ? 7 : 1;
    QList<double> slopes;
    for (int i = 0; i < m_n; ++i)
        for (int j = i + step; j < m_n; j += step)
            slopes << (history[j] - history[i]) / (j - i);
    m_slope = median(slopes);
    QList<double> levels;
    for (int t = 0; t < m_n; ++t)
        levels << history[t] - m_slope * t;
    m_intercept = median(levels);
    if (m_n >= 14) {
        QList<double> perWeekday[7];
        for (int t = 0; t < m_n; ++t)
            perWeekday[(firstDay.addDays(t).dayOfWeek() - 1)] << history[t] - m_intercept - m_slope * t;
        double factorSum = 0;
        for (int w = 0; w < 7; ++w) {
            m_weekday[w] = median(perWeekday[w]);
            factorSum += m_weekday[w];
        }
        // centred factors: the level carries the mean, the factors only the weekly shape
        for (double& f : m_weekday)
            f -= factorSum / 7;
        m_intercept += factorSum / 7;
    }
    QList<double> deviations;
    for (int t = 0; t < m_n; ++t)
        deviations << std::abs(history[t] - fitted(t));
    m_sigma = 1.4826 * median(deviations);
    if (m_sigma == 0 && m_n > 1) { // over half the days fit exactly: fall back to the RMS
        double squares = 0;
        for (double d : deviations)
            squares += d * d;
        m_sigma = std::sqrt(squares / (m_n - 1));
    }
    // residuals of a fit with level, slope and six free weekday factors run smaller than the
    // noise: scale by n / (n − parameters), as an unbiased variance estimate does
    const int parameters = m_n >= 14 ? 8 : 2;
    if (m_n > parameters)
        m_sigma *= std::sqrt(double(m_n) / (m_n - parameters));
    m_tMean = (m_n - 1) / 2.0;
    for (int t = 0; t < m_n; ++t)
        m_sxx += (t - m_tMean) * (t - m_tMean);
}

double CostForecaster::fitted(int t) const
{
    return m_intercept + m_slope * t + m_weekday[m_firstDay.addDays(t).dayOfWeek() - 1];
}

double CostForecaster::variance(int t) const
{
    // the least-squares form for the uncertainty of level and slope, applied to the robust fit,
    // plus the weekday factor's (a median of n/7 days); medians of normal data vary π/2 times
    // as much as means
    if (m_n == 0)
        return 0;
    const double spread = m_sxx > 0 ? (t - m_tMean) * (t - m_tMean) / m_sxx : 0;
    const double levels = M_PI / 2 * (1.0 / m_n + (m_n >= 14 ? 7.0 / m_n : 0));
    return m_sigma * m_sigma * (levels + spread);
}

QList<ForecastDay> CostForecaster::forecast(int days) const
{
    QList<ForecastDay> out;
    for (int h = 0; h < days; ++h) {
        const int t = m_n + h;
        const double expected = std::max(0.0, fitted(t));
        const double half = Z80 * std::sqrt(m_sigma * m_sigma + variance(t));
        out << ForecastDay { m_firstDay.addDays(t), expected, std::max(0.0, expected - half),
            expected + half };
    }
    return out;
}

ForecastDay CostForecaster::cumulative(int days) const
{
    double expected = 0;
    double offsets = 0; // Σ (t − t̄): the slope's error adds up over the days
    int perWeekday[7] = {}; // each weekday factor's error repeats on each of its days
    for (int h = 0; h < days; ++h) {
        expected += std::max(0.0, fitted(m_n + h));
        offsets += m_n + h - m_tMean;
        ++perWeekday[m_firstDay.addDays(m_n + h).dayOfWeek() - 1];
    }
    double var = m_sigma * m_sigma * days;
    if (m_n > 0) {
        double repeats = 0;
        for (int c : perWeekday)
            repeats += double(c) * c;
        const double levels = M_PI / 2 * (double(days) * days / m_n + (m_n >= 14 ? 7.0 * repeats / m_n : 0));
        var += m_sigma * m_sigma * (levels + (m_sxx > 0 ? offsets * offsets / m_sxx : 0));
    }
    const double half = Z80 * std::sqrt(var);
    return { m_firstDay.addDays(m_n + days - 1), expected, std::max(0.0, expected - half), expected + half };
}

} // namespace RagScope
