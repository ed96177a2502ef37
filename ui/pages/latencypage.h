#pragma once

#include "metrics/metricstypes.h"
#include "metricspage.h"

#include <optional>

class QAction;

namespace RagScope {

class LatencyPercentilesModel;
class LatestJob;
class Panel;
class TimeChart;

/// Latency page: p50…p99 per hour or day, retrieval vs generation per bucket, and the
/// window's percentiles of total, retrieval and generation latency.
class LatencyPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit LatencyPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

private:
    void showPoints(const QList<LatencyPoint>& points, TimeBucket bucket);
    /// `approximate`: from rollup sketches (within 1%), else percentile_cont over every row.
    void showPercentiles(const LatencyPercentiles& percentiles, bool approximate);
    void loadExactPercentiles();
    void clear(const QString& message) override;
    QString pointTooltip(qreal x) const;

    LatestJob* m_pointsJob;
    LatestJob* m_percentilesJob;
    LatestJob* m_exactJob;
    QAction* m_exactAction;

    QList<LatencyPoint> m_points;
    TimeBucket m_bucket = TimeBucket::Day;
    LatencyPercentilesModel* m_percentilesModel;
    TimeChart* m_percentileChart;
    TimeChart* m_breakdownChart;
    Panel* m_percentilePanel;
    Panel* m_breakdownPanel;
    Panel* m_tablePanel;
};

} // namespace RagScope
