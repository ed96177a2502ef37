#include "barchart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

namespace RagScope {

BarChart::BarChart(Qt::Orientation orientation, const QString& categoryTitle, const QString& valueTitle,
    ChartStyle::ValueKind kind, QWidget* parent)
    : ChartView(parent)
    , m_kind(kind)
    , m_series(orientation == Qt::Vertical ? static_cast<QAbstractBarSeries*>(new QBarSeries)
                                           : static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries))
    , m_set(new QBarSet(QString()))
    , m_categories(new QBarCategoryAxis(this))
    , m_value(new QValueAxis(this))
{
    m_series->append(m_set);
    m_series->setBarWidth(0.7);
    chart()->addSeries(m_series);
    m_categories->setTitleText(categoryTitle);
    m_value->setTitleText(valueTitle);
    const bool vertical = orientation == Qt::Vertical;
    chart()->addAxis(m_categories, vertical ? Qt::AlignBottom : Qt::AlignLeft);
    chart()->addAxis(m_value, vertical ? Qt::AlignLeft : Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_value);
    chart()->legend()->setVisible(false); // one set: the value axis title says what it counts
    ChartStyle::fitValueAxis(m_value, 0, m_kind);

    connect(m_set, &QBarSet::clicked, this, &BarChart::barClicked);
    connect(m_set, &QBarSet::hovered, this,
        [this](bool state, int index) { showTooltip(state && m_tooltip ? m_tooltip(index) : QString()); });
    restyle();
}

void BarChart::setData(const QString& setName, const QStringList& categories, const QList<qreal>& values)
{
    m_set->setLabel(setName);
    if (m_set->count() > 0)
        m_set->remove(0, m_set->count());
    m_categories->setCategories(categories);
    m_set->append(values);
    const qreal max = values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
    ChartStyle::fitValueAxis(m_value, max, m_kind);
    restyle();
}

QStringList BarChart::categories() const
{
    return m_categories->categories();
}

QList<qreal> BarChart::values() const
{
    QList<qreal> out;
    out.reserve(m_set->count());
    for (int i = 0; i < m_set->count(); ++i)
        out.append(m_set->at(i));
    return out;
}

} // namespace RagScope
