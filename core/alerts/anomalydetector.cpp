#include "anomalydetector.h"

#include <algorithm>
#include <cmath>

namespace RagScope {

double AnomalyDetector::median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

QList<SeriesAnomaly> AnomalyDetector::detect(const std::vector<double>& series, const Options& options)
{
    return detect(series, 0, options);
}

QList<SeriesAnomaly> AnomalyDetector::detect(
    const std::vector<double>& series, qsizetype from, const Options& o)
{
    QList<SeriesAnomaly> out;
    for (qsizetype i = std::max<qsizetype>(from, 0); i < qsizetype(series.size()); ++i) {
        std::vector<double> history;
        for (int w = 1; w <= o.maxWeeks; ++w) {
            const qsizetype j = i - qsizetype(w) * o.period;
            if (j < 0)
                break;
            history.push_back(series[size_t(j)]);
        }
        if (int(history.size()) < o.minWeeks)
            continue;
        const double m = median(history);
        std::vector<double> deviations;
        for (double v : history)
            deviations.push_back(std::abs(v - m));
        const double spread
            = std::max({ 1.4826 * median(deviations), o.relativeFloor * std::abs(m), o.absoluteFloor });
        const double low = std::max(0.0, m - o.k * spread);
        const double high = m + o.k * spread;
        const double v = series[size_t(i)];
        if (v < low || v > high)
            out << SeriesAnomaly { i, v, m, low, high };
    }
    return out;
}

} // namespace RagScope
