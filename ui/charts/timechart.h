#pragma once

#include "chartstyle.h"
#include "chartview.h"
#include "metrics/metricstypes.h"

#include <QPointer>

#include <functional>

class QDateTimeAxis;
class QScatterSeries;
class QValueAxis;

namespace RagScope {

/// Series over a UTC time axis, drawn as lines or as areas stacked in order. Each result is
/// shown in one batch: same series names → points swapped with replace(), else rebuilt.
class TimeChart : public ChartView
{
    Q_OBJECT
public:
    enum class Mode { Lines, StackedAreas };
    /// One named series; x = ChartStyle::axisPosition(time), y = the value (not stacked).
    struct Series
    {
        QString name;
        QList<QPointF> points;
    };

    TimeChart(Mode mode, const QString& valueTitle, ChartStyle::ValueKind kind, QWidget* parent = nullptr);

    /// Replaces all data. Stacked areas need the same x values, in order, in every series.
    void setSeries(const QList<Series>& series, TimeBucket bucket);
    const QList<Series>& series() const { return m_series; }
    /// A flagged point drawn over the series (anomalies), with its own tooltip.
    struct Mark
    {
        QPointF point;
        QString tooltip;
    };
    /// Replaces the marks (empty: none); they survive setSeries().
    void setMarks(const QList<Mark>& marks);
    const QList<Mark>& marks() const { return m_marks; }

    /// Tooltip for the hovered series at its point nearest the mouse.
    void setTooltip(std::function<QString(int series, qreal x)> text) { m_tooltip = std::move(text); }

    QDateTimeAxis* timeAxis() const { return m_time; }
    QValueAxis* valueAxis() const { return m_value; }

private:
    bool sameNames(const QList<Series>& series) const;
    void rebuild();
    void refill();
    void fitTimeAxis(TimeBucket bucket);
    void onHovered(int series, const QPointF& point, bool state);
    void showMarks();
    void onMarkHovered(const QPointF& point, bool state);

    Mode m_mode;
    ChartStyle::ValueKind m_kind;
    QDateTimeAxis* m_time;
    QValueAxis* m_value;
    QList<Series> m_series;
    std::function<QString(int, qreal)> m_tooltip;
    QList<Mark> m_marks;
    QPointer<QScatterSeries> m_markSeries;
};

} // namespace RagScope
