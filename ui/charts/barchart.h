#pragma once

#include "chartstyle.h"
#include "chartview.h"

#include <functional>

class QAbstractBarSeries;
class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace RagScope {

/// One value per category as bars (vertical, or horizontal for long category names).
/// Clicking a bar emits barClicked(category); hovering one shows its tooltip.
class BarChart : public ChartView
{
    Q_OBJECT
public:
    BarChart(Qt::Orientation orientation, const QString& categoryTitle, const QString& valueTitle,
        ChartStyle::ValueKind kind, QWidget* parent = nullptr);

    /// Replaces categories and values in one batch; `setName` labels the legend.
    void setData(const QString& setName, const QStringList& categories, const QList<qreal>& values);
    QStringList categories() const;
    QList<qreal> values() const;
    void setTooltip(std::function<QString(int category)> text) { m_tooltip = std::move(text); }

    QAbstractBarSeries* barSeries() const { return m_series; }
    QBarCategoryAxis* categoryAxis() const { return m_categories; }
    QValueAxis* valueAxis() const { return m_value; }

signals:
    void barClicked(int category);

private:
    ChartStyle::ValueKind m_kind;
    QAbstractBarSeries* m_series;
    QBarSet* m_set;
    QBarCategoryAxis* m_categories;
    QValueAxis* m_value;
    std::function<QString(int)> m_tooltip;
};

} // namespace RagScope
