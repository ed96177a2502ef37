#pragma once

#include <QDate>
#include <QList>

namespace RagScope {

/// One forecast day: the expected cost and its 80% band, in USD. Doubles inside the model only;
/// callers present them as rounded decimal amounts (Money), never as exact figures.
struct ForecastDay
{
    QDate day;
    double expected = 0;
    double low = 0;
    double high = 0;
};

/// Daily cost forecast: a robust linear trend (Theil–Sen slope over pairs of the same weekday)
/// plus additive weekday factors (median residual per weekday), with a normal 80% band from
/// the residuals' robust spread (1.4826 × MAD) and the trend's uncertainty.
///
/// Chosen over Holt–Winters because cost histories are short (weeks) and spiky (a backfill or
/// one heavy user makes a day): medians ignore such days, there are no smoothing parameters to
/// fit, and the band of a sum of future days has a closed form (the burn-down needs it).
class CostForecaster
{
public:
    /// `history[i]` is the cost of day `firstDay + i` in USD.
    CostForecaster(const QList<double>& history, const QDate& firstDay);

    /// The next `days` days after the history.
    QList<ForecastDay> forecast(int days) const;
    /// Sum of the next `days` days with its 80% band (errors of single days independent).
    ForecastDay cumulative(int days) const;
    /// Expected cost of day `t` (index from firstDay), without the band.
    double fitted(int t) const;
    /// The naive projection beside it: the history's daily mean.
    double naiveDaily() const { return m_mean; }

    double slope() const { return m_slope; }
    double weekdayFactor(int dayOfWeek) const { return m_weekday[(dayOfWeek - 1) % 7]; }
    double sigma() const { return m_sigma; }

private:
    double variance(int t) const; ///< of the fitted line at t (trend part)

    QDate m_firstDay;
    int m_n = 0;
    double m_intercept = 0;
    double m_slope = 0;
    double m_weekday[7] = {};
    double m_sigma = 0;
    double m_mean = 0;
    double m_tMean = 0;
    double m_sxx = 0;
};

} // namespace RagScope
