#pragma once

#include "alerts/anomalyscanner.h"
#include "metricspage.h"

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace RagScope {

class KpiCard;
class LatestJob;
class TimeChart;
class Panel;
struct FigureChange;
struct OverviewReport;
class TopUsersModel;

/// The first page: key figures of the window, each against the previous window of the same
/// length (MetricsCollector::overview), a warning about unpriced requests, and the busiest users.
class OverviewPage : public MetricsPage
{
    Q_OBJECT
public:
    enum Card {
        Requests,
        TotalCost,
        MonthlyCost,
        AnnualCost,
        AvgLatency,
        P95Latency,
        AvgConfidence,
        FeedbackRate,
        AvgRating,
        CardCount
    };

    explicit OverviewPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

    KpiCard* card(Card card) const { return m_cards.at(card); }
    /// The unpriced-requests warning (hidden when every request has a cost).
    QLabel* unpricedWarning() const { return m_unpriced; }
    TopUsersModel* topUsersModel() const { return m_usersModel; }
    /// "On track" / "Over by $X on DATE": this month's forecast against the budget (stored cost).
    KpiCard* budgetCard() const { return m_budgetCard; }
    /// Requests per hour, with the hours AnomalyScanner flags marked.
    TimeChart* requestsChart() const { return m_requestsChart; }

private:
    void showFigures(const OverviewReport& report);
    void clear(const QString& message) override;
    void showRequests(const AnomalyReport& report);
    QString comparedTo() const;
    QString noPreviousData() const;

    QList<KpiCard*> m_cards;
    KpiCard* m_budgetCard;
    LatestJob* m_budgetJob;
    QLabel* m_unpriced;
    Panel* m_kpiPanel;
    Panel* m_usersPanel;
    TopUsersModel* m_usersModel;
    QSortFilterProxyModel* m_usersProxy;
    QTableView* m_usersView;
    LatestJob* m_kpiJob;
    LatestJob* m_usersJob;
    LatestJob* m_requestsJob;
    TimeChart* m_requestsChart;
    Panel* m_requestsPanel;
};

} // namespace RagScope
