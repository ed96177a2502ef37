#pragma once

#include "planning/burndown.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace RagScope {

class TimeChart;

/// The current month's burn-down: actual cumulative cost, the forecast to month end with its
/// 80% band, the budget line, the run-out date; the budget is edited here (BudgetSettings).
class BurnDownPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BurnDownPanel(QWidget* parent = nullptr);

    void setBurnDown(const BurnDown& plan);
    void clear();
    /// One line: "On track …" / "Over by $X on DATE …" (also the Overview card's text).
    static QString verdict(const BurnDown& plan);
    TimeChart* chart() const { return m_chart; }
    QLabel* summary() const { return m_summary; }

signals:
    /// The user saved a new budget (or cleared it): plan again.
    void budgetChanged();

private:
    void saveBudget();

    TimeChart* m_chart;
    QLabel* m_summary;
    QLineEdit* m_budget;
    QLabel* m_budgetError;
};

} // namespace RagScope
