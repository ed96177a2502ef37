#pragma once

#include "comparison/abcomparison.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace RagScope {

class AbWeeksModel;
class TimeChart;

/// The Models page's A/B panel: pick models A and B; the window's differences with their
/// intervals and p-values, a weekly chart of both mean ratings and the same tests per week.
class AbPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AbPanel(QWidget* parent = nullptr);

    /// The models to choose from; keeps `a` and `b` selected (no signal).
    void setModels(const QStringList& names, const QString& a, const QString& b);
    void setComparison(const AbComparison& comparison);
    /// Empties the figures (no store, no models).
    void clear();
    QString modelA() const;
    QString modelB() const;
    const AbWeeksModel* weeksModel() const { return m_weeks; }

signals:
    /// The user picked another A or B.
    void modelsChosen(const QString& a, const QString& b);
    /// A click on a week of model A's or B's line in the chart.
    void weekClicked(const QDate& monday, const QString& model);

private:
    void showSummary(const AbComparison& comparison);

    QComboBox* m_a;
    QComboBox* m_b;
    QLabel* m_summary;
    TimeChart* m_chart;
    AbWeeksModel* m_weeks;
    QTableView* m_table;
};

} // namespace RagScope
