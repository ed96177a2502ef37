#pragma once

#include <QString>

class QChart;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QPalette;
class QPointF;

namespace RagScope {

/// A vertical line at a data x and a readout box beside it, drawn as items of the chart itself:
/// it moves with the mouse without a tooltip's delay and cannot outlive its chart's page (a
/// QToolTip floats over whatever page comes next).
class Crosshair
{
public:
    explicit Crosshair(QChart* chart);

    /// Line at `position` (chart coordinates) across the plot area, `readout` beside it.
    void show(const QPointF& position, const QString& readout, const QPalette& palette);
    void hide();
    bool isVisible() const;
    QString readout() const;

private:
    QChart* m_chart;
    QGraphicsLineItem* m_line;
    QGraphicsRectItem* m_box;
    QGraphicsSimpleTextItem* m_text;
};

} // namespace RagScope
