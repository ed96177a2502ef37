#pragma once

#include "planning/burndown.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace RagScope {

class TimeChart;

/// The current month's burn-down: actual cumulative cost, the forecast to month end with its
/// 80% band, the budget line, the run-out date. The budget of all models or of one model is
/// edited here; the page loads and saves it off the GUI thread (BudgetSettings::load/save).
class BurnDownPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BurnDownPanel(QWidget* parent = nullptr);

    void setBurnDown(const BurnDown& plan);
    void clear();
    /// One line: "On track …" / "Over by $X on DATE …" (also the Overview card's text).
    static QString verdict(const BurnDown& plan);
    /// The models the picker offers after "All models" (the window's); keeps the choice if listed.
    void setModels(const QStringList& models);
    /// The scope the burn-down plans: none for all models.
    std::optional<QString> budgetModel() const;
    /// The chosen scope's budget as loaded, and where it lives (the store or the settings).
    void showBudget(const std::optional<Money>& amount, bool inStore);
    TimeChart* chart() const { return m_chart; }
    QLabel* summary() const { return m_summary; }

signals:
    /// The user saved a budget (a value) or cleared it (none) for budgetModel().
    void budgetSaveRequested(const std::optional<Money>& amount);
    /// The user picked another model: load its budget and plan again.
    void budgetModelChanged();

private:
    void saveBudget();

    TimeChart* m_chart;
    QLabel* m_summary;
    QComboBox* m_model;
    QLineEdit* m_budget;
    QLabel* m_budgetError;
    QLabel* m_where;
};

} // namespace RagScope
