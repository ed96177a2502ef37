#include "chartgroup.h"

#include "timechart.h"

#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QTimer>

namespace RagScope {

ChartGroup::ChartGroup(QObject* parent)
    : QObject(parent)
{ }

void ChartGroup::add(TimeChart* chart)
{
    if (m_charts.isEmpty())
        m_baseMargins = chart->chart()->margins();
    m_charts.append(chart);
    connect(chart->chart(), &QChart::plotAreaChanged, this, &ChartGroup::scheduleAlign);
    connect(chart->timeAxis(), &QDateTimeAxis::rangeChanged, this, &ChartGroup::scheduleAlign);
    scheduleAlign();
}

QList<TimeChart*> ChartGroup::charts() const
{
    QList<TimeChart*> out;
    for (const QPointer<TimeChart>& chart : m_charts) {
        if (chart)
            out << chart;
    }
    return out;
}

void ChartGroup::scheduleAlign()
{
    // Aligning changes the plot areas it listens to: never from inside its own pass, and once
    // per batch of changes (a page sets several charts in a row).
    if (m_aligning || m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, &ChartGroup::align);
}

void ChartGroup::align()
{
    m_pending = false;
    m_aligning = true;
    alignTimeRanges();
    alignLeftEdges();
    m_aligning = false;
}

void ChartGroup::alignTimeRanges()
{
    // Pages hand every chart the same window, so ranges differ only when one chart's data
    // reaches further: all take the widest range, with that chart's ticks and labels.
    QDateTimeAxis* widest = nullptr;
    QDateTime min, max;
    for (const QPointer<TimeChart>& chart : std::as_const(m_charts)) {
        if (!chart || chart->series().isEmpty())
            continue;
        const QDateTimeAxis* axis = chart->timeAxis();
        if (!widest || axis->min() < min)
            min = axis->min();
        if (!widest || axis->max() > max)
            max = axis->max();
        if (!widest || (axis->min() <= widest->min() && axis->max() >= widest->max()))
            widest = chart->timeAxis();
    }
    if (!widest)
        return;
    for (const QPointer<TimeChart>& chart : std::as_const(m_charts)) {
        QDateTimeAxis* axis = chart ? chart->timeAxis() : nullptr;
        if (!axis || axis == widest || chart->series().isEmpty())
            continue;
        if (axis->min() != min || axis->max() != max)
            axis->setRange(min, max);
        axis->setTickCount(widest->tickCount());
        axis->setFormat(widest->format());
    }
}

void ChartGroup::alignLeftEdges()
{
    // A chart's own left edge is where its value-axis labels and title end: its plot area's
    // left minus the padding the group added earlier. Charts on screen set the edge; a hidden
    // one (another tab) has not been laid out at its size yet and aligns when shown.
    QList<qreal> ownLeft;
    qreal target = 0;
    bool anyVisible = false;
    for (const QPointer<TimeChart>& chart : std::as_const(m_charts))
        anyVisible = anyVisible || (chart && chart->isVisible());
    for (const QPointer<TimeChart>& chart : std::as_const(m_charts)) {
        if (!chart) {
            ownLeft << 0;
            continue;
        }
        chart->chart()->layout()->activate();
        const qreal padding = chart->chart()->margins().left() - m_baseMargins.left();
        ownLeft << chart->chart()->plotArea().left() - padding;
        if (chart->isVisible() || !anyVisible)
            target = std::max(target, ownLeft.constLast());
    }
    for (qsizetype i = 0; i < m_charts.size(); ++i) {
        TimeChart* chart = m_charts[i];
        if (!chart)
            continue;
        QMargins margins = m_baseMargins;
        margins.setLeft(m_baseMargins.left() + std::max(0, qCeil(target - ownLeft[i])));
        if (margins != chart->chart()->margins()) {
            chart->chart()->setMargins(margins);
            chart->chart()->layout()->activate();
        }
    }
}

} // namespace RagScope
