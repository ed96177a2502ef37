#pragma once

#include "alerts/anomalyscanner.h"
#include "metrics/metricstypes.h"
#include "metricspage.h"
#include "money/pricetable.h"

#include <optional>

class QLabel;

namespace RagScope {

class DailyCostModel;
class LatestJob;
class Panel;
class PricingModel;
class TimeChart;

/// Cost page: daily cost per model, tokens per day, projection, the daily table and the
/// price table in use; warns when requests of unknown models have no cost.
class CostPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit CostPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

    /// The price table the store's costs were computed with (shown in the pricing panel).
    void setPriceTable(const PriceTable& table);

private:
    void showDaily(const QList<DailyCost>& rows, const Filter& filter);
    void showTotals(const KpiTotals& totals, const Filter& filter);
    void clear(const QString& message) override;
    QString costTooltip(qreal x) const;
    QString tokensTooltip(qreal x) const;
    /// Cost anomalies (AnomalyScanner) as marks on top of their day's stack.
    void showAnomalies();

    LatestJob* m_dailyJob;
    LatestJob* m_totalsJob;
    LatestJob* m_anomalyJob;
    QList<Anomaly> m_anomalies;

    DailyCostModel* m_dailyModel;
    PricingModel* m_pricingModel;
    TimeChart* m_costChart;
    TimeChart* m_tokensChart;
    QLabel* m_unpricedWarning;
    QLabel* m_totalCost;
    QLabel* m_dailyAverage;
    QLabel* m_monthly;
    QLabel* m_annual;
    QLabel* m_requests;
    Panel* m_costPanel;
    Panel* m_tokensPanel;
    Panel* m_tablePanel;
    Panel* m_projectionPanel;
};

} // namespace RagScope
