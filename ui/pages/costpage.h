#pragma once

#include "alerts/anomalyscanner.h"
#include "metrics/metricstypes.h"
#include "metricspage.h"
#include "money/pricetable.h"
#include "planning/costviewswitch.h"
#include "pricing/costledger.h"

#include <optional>

class QLabel;

namespace RagScope {

class DailyCostModel;
class LatestJob;
class Panel;
class CostPlanningTabs;
class PricingModel;
class TimeChart;

/// Cost page: daily cost per model, tokens per day, projection, the daily table and the
/// price table in use; warns when requests of unknown models have no cost. A switch shows the
/// stored or the recomputed cost (CostLedger); tabs hold the budget burn-down, the
/// reconciliation of both views and what-if re-pricing.
class CostPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit CostPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

    /// The price table in use: shown in the pricing panel, and the one the recomputed view, the
    /// reconciliation, what-if and the forecast price tokens with.
    void setPriceTable(const PriceTable& table);
    void setCostView(CostView view) { m_view->setView(view); }
    CostView costView() const { return m_view->view(); }
    CostPlanningTabs* planning() const { return m_planning; }
    QStringList screenshotViews() const override;
    void showScreenshotView(const QString& view) override;

private:
    void showDaily(const QList<DailyCost>& rows, const Filter& filter);
    void showTotals(const KpiTotals& totals, const Filter& filter);
    void clear(const QString& message) override;
    /// Cost anomalies (AnomalyScanner) as marks on top of their day's stack.
    void showAnomalies();
    /// Daily table, charts and totals in the chosen view from what has arrived so far.
    void showCostView();
    void loadBurnDown();
    /// Saves the burn-down panel's budget (store or settings) off the GUI thread, then plans again.
    void saveBudget(const std::optional<Money>& amount);

    LatestJob* m_dailyJob;
    LatestJob* m_totalsJob;
    LatestJob* m_anomalyJob;
    LatestJob* m_ledgerJob;
    LatestJob* m_burnDownJob;
    LatestJob* m_budgetSaveJob; // not a page job: a reload does not wait for it
    QList<DailyCost> m_storedDaily;
    std::optional<KpiTotals> m_storedTotals;
    std::optional<CostLedger> m_ledger;
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
    CostViewSwitch* m_view;
    CostPlanningTabs* m_planning;
};

} // namespace RagScope
