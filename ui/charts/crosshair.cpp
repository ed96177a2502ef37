#include "crosshair.h"

#include <QBrush>
#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPalette>
#include <QPen>

namespace RagScope {

namespace {
constexpr qreal Padding = 6;
constexpr qreal AboveSeries = 10; // z: over lines, areas and marks
} // namespace

Crosshair::Crosshair(QChart* chart)
    : m_chart(chart)
    , m_line(new QGraphicsLineItem(chart))
    , m_box(new QGraphicsRectItem(chart))
    , m_text(new QGraphicsSimpleTextItem(m_box))
{
    m_line->setZValue(AboveSeries);
    m_box->setZValue(AboveSeries + 1);
    hide();
}

void Crosshair::show(const QPointF& position, const QString& readout, const QPalette& palette)
{
    const QRectF plot = m_chart->plotArea();
    QColor line = palette.color(QPalette::WindowText);
    line.setAlphaF(0.55);
    m_line->setPen(QPen(line, 1, Qt::DashLine));
    m_line->setLine(position.x(), plot.top(), position.x(), plot.bottom());

    m_text->setText(readout);
    m_text->setFont(m_chart->font());
    m_text->setBrush(palette.color(QPalette::ToolTipText));
    m_text->setPos(Padding, Padding);
    const QSizeF size = m_text->boundingRect().size() + QSizeF(2 * Padding, 2 * Padding);
    m_box->setRect(QRectF(QPointF(0, 0), size));
    m_box->setBrush(palette.color(QPalette::ToolTipBase));
    m_box->setPen(QPen(palette.color(QPalette::Mid)));
    // beside the line, on whichever side has room; near the top of the plot
    qreal x = position.x() + Padding;
    if (x + size.width() > plot.right())
        x = position.x() - Padding - size.width();
    m_box->setPos(std::max(x, plot.left()), plot.top() + Padding);

    m_line->setVisible(!readout.isEmpty());
    m_box->setVisible(!readout.isEmpty());
}

void Crosshair::hide()
{
    m_line->setVisible(false);
    m_box->setVisible(false);
}

bool Crosshair::isVisible() const
{
    return m_line->isVisible();
}

QString Crosshair::readout() const
{
    return m_text->text();
}

} // namespace RagScope
