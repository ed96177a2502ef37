#include "partialband.h"

#include <QBrush>
#include <QChart>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPalette>
#include <QPen>

namespace RagScope {

PartialBand::PartialBand(QChart* chart)
    : m_chart(chart)
    , m_band(new QGraphicsRectItem(chart))
    , m_label(new QGraphicsSimpleTextItem(chart))
{
    m_band->setPen(Qt::NoPen);
    m_band->setVisible(false);
    m_label->setVisible(false);
}

void PartialBand::place(const std::optional<QPair<qreal, qreal>>& segment, QAbstractSeries* series,
    bool atEnd, const QString& label, const QPalette& palette, const QFont& font)
{
    m_band->setVisible(segment && series);
    m_label->setVisible(segment && series);
    if (!segment || !series)
        return;
    const QRectF plot = m_chart->plotArea();
    const qreal left = std::max(plot.left(), m_chart->mapToPosition({ segment->first, 0 }, series).x());
    const qreal right = std::min(plot.right(), m_chart->mapToPosition({ segment->second, 0 }, series).x());
    QColor hatch = palette.color(QPalette::WindowText);
    hatch.setAlphaF(0.35);
    m_band->setBrush(QBrush(hatch, Qt::BDiagPattern));
    m_band->setRect(QRectF(left, plot.top(), std::max(right - left, 2.0), plot.height()));
    m_label->setText(label);
    m_label->setFont(font);
    m_label->setBrush(palette.color(QPalette::PlaceholderText));
    const qreal width = m_label->boundingRect().width();
    const qreal x = atEnd ? std::max(plot.left(), right - width) : std::min(left, plot.right() - width);
    m_label->setPos(x, plot.top() - m_label->boundingRect().height());
}

bool PartialBand::isVisible() const
{
    return m_band->isVisible();
}

} // namespace RagScope
