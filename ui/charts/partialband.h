#pragma once

#include <QPair>
#include <QString>

#include <optional>

class QAbstractSeries;
class QChart;
class QFont;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QPalette;

namespace RagScope {

/// A hatched band with a label over the segment of a time chart that leads to a bucket the
/// window cuts short, so a partial day's dip does not read as a crash.
class PartialBand
{
public:
    explicit PartialBand(QChart* chart);

    /// Over the x range `segment` (data values, mapped through `series`), the label at the top
    /// edge on the side of the partial bucket (`atEnd`: right); hidden without a segment.
    void place(const std::optional<QPair<qreal, qreal>>& segment, QAbstractSeries* series, bool atEnd,
        const QString& label, const QPalette& palette, const QFont& font);
    bool isVisible() const;

private:
    QChart* m_chart;
    QGraphicsRectItem* m_band;
    QGraphicsSimpleTextItem* m_label;
};

} // namespace RagScope
