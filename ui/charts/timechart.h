#pragma once

#include "chartstyle.h"
#include "chartview.h"
#include "crosshair.h"
#include "metrics/metricstypes.h"
#include "partialband.h"

#include <QPointer>

#include <functional>
#include <optional>

class QDateTimeAxis;
class QScatterSeries;
class QValueAxis;

namespace RagScope {

/// Series over a UTC time axis, drawn as lines or as areas stacked in order. Each result is
/// shown in one batch: same series names → points swapped with replace(), else rebuilt.
/// A crosshair follows the mouse with a readout of every series at the nearest bucket; a first
/// or last bucket cut short by the window is hatched and labelled "partial".
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
    /// `window`: the window shown (the time axis spans all its buckets, so charts of one page
    /// line up), and a first or last bucket it cuts short shows as partial.
    void setSeries(
        const QList<Series>& series, TimeBucket bucket, const QPair<QDateTime, QDateTime>& window = {});
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

    /// The crosshair's readout at a bucket's x (default: each series' name and value).
    void setTooltip(std::function<QString(int series, qreal x)> text) { m_tooltip = std::move(text); }
    /// The crosshair at the bucket nearest `x` (what moving the mouse there does).
    void showCrosshairAt(qreal x);
    const Crosshair& crosshair() const { return m_crosshair; }
    /// Whether the first / last bucket is drawn as partial.
    bool firstBucketPartial() const { return m_firstBand.isVisible(); }
    bool lastBucketPartial() const { return m_lastBand.isVisible(); }

    QDateTimeAxis* timeAxis() const { return m_time; }
    QValueAxis* valueAxis() const { return m_value; }

    /// What a click on the plot opens: the bucket nearest the click and the series under it.
    struct Hit
    {
        QDateTime start; ///< UTC
        QDateTime end; ///< start + the points' spacing (an hour or a day)
        int series = -1; ///< stacked areas: the band clicked; lines: the nearest; -1: above them all
    };
    /// The hit at chart value `value` (x: ChartStyle::axisPosition, y: value); none without data.
    std::optional<Hit> hitAt(const QPointF& value) const;
    /// Where on the view (viewport coordinates) the chart value `value` is drawn.
    QPoint viewPosition(const QPointF& value) const;

signals:
    /// A left click in the plot area hit a bucket (drill-downs open the Review page on it).
    void bucketClicked(const RagScope::TimeChart::Hit& hit);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    bool sameNames(const QList<Series>& series) const;
    void rebuild();
    void refill();
    void fitTimeAxis(TimeBucket bucket);
    QString readoutAt(qreal x) const;
    void placePartialBands();
    void showMarks();
    void onMarkHovered(const QPointF& point, bool state);

    Mode m_mode;
    ChartStyle::ValueKind m_kind;
    bool m_hourlyPoints = false; ///< the points are hours (whatever the labels)
    qreal m_unit = 0; ///< the points' spacing in ms: one bucket
    std::optional<QPoint> m_pressedAt; ///< where a left button went down (a click, not a drag)
    QDateTimeAxis* m_time;
    QValueAxis* m_value;
    QList<Series> m_series;
    QPair<QDateTime, QDateTime> m_window;
    std::function<QString(int, qreal)> m_tooltip;
    QList<Mark> m_marks;
    QPointer<QScatterSeries> m_markSeries;
    Crosshair m_crosshair;
    std::optional<qreal> m_crosshairX;
    /// x ranges of the segments leading to a partial first / last bucket
    std::optional<QPair<qreal, qreal>> m_firstPartial, m_lastPartial;
    PartialBand m_firstBand;
    PartialBand m_lastBand;
};

} // namespace RagScope
