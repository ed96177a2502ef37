#pragma once

#include <QList>

#include <optional>
#include <vector>

namespace RagScope {

/// One point of an hourly series that lies outside its expected range.
struct SeriesAnomaly
{
    qsizetype index = 0; ///< position in the series
    double value = 0;
    double expected = 0; ///< the baseline median
    double low = 0; ///< expected range, inclusive
    double high = 0;
};

/// Anomalies without thresholds: each hour is compared with the same hour of the week over the
/// previous weeks (a robust seasonal baseline: their median, and their median absolute deviation
/// scaled to a standard deviation, 1.4826 · MAD). A point further than `k` deviations from the
/// median is flagged. The deviation has floors (a share of the median and an absolute minimum)
/// so that a perfectly regular history does not flag ordinary noise.
class AnomalyDetector
{
public:
    struct Options
    {
        int period = 168; ///< hours in a week
        int maxWeeks = 4; ///< how many previous weeks form the baseline
        int minWeeks = 2; ///< fewer previous weeks: the point is not judged
        double k = 4.0;
        double relativeFloor = 0.15; ///< the deviation is at least this share of the median
        double absoluteFloor = 1.0; ///< … and at least this (in the series' unit)
    };

    static QList<SeriesAnomaly> detect(const std::vector<double>& series, const Options& options);
    /// The flagged points of series[from …], judged against the whole history before them.
    static QList<SeriesAnomaly> detect(
        const std::vector<double>& series, qsizetype from, const Options& options);
    static double median(std::vector<double> values);
};

} // namespace RagScope
