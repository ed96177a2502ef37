#pragma once

#include "dashboardpage.h"
#include "metrics/metricstypes.h"

#include <optional>

namespace RagScope {

class LatencyPercentilesModel;
class LatestJob;
class Panel;
class TimeChart;

/// Latency page: p50…p99 per hour or day, retrieval vs generation per bucket, and the
/// window's percentiles of total, retrieval and generation latency.
class LatencyPage : public DashboardPage
{
    Q_OBJECT
public:
    explicit LatencyPage(QWidget* parent = nullptr);

    QString title() const override;
    void setStore(StorePtr store) override;
    void setFilter(const Filter& filter) override;
    void reload() override;
    bool isBusy() const override;

private:
    void showPoints(const QList<LatencyPoint>& points, TimeBucket bucket);
    void showPercentiles(const LatencyPercentiles& percentiles);
    void finishPanel(const std::optional<Error>& error);
    void clear(const QString& message);
    QString pointTooltip(qreal x) const;

    StorePtr m_store;
    Filter m_filter;
    LatestJob* m_pointsJob;
    LatestJob* m_percentilesJob;
    int m_pending = 0;
    bool m_errorReported = false;

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
