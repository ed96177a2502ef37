#include "timechart.h"
#include "i18n/localetime.h"

#include "seriesthinning.h"
#include "timeaxisfit.h"

#include <QApplication>
#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace RagScope {

namespace {

constexpr qreal HourMs = 3'600'000.0;
constexpr qreal DayMs = 24 * HourMs;
constexpr int FewPoints = 40; // below this, dots mark each point

QList<QPointF> stackedOn(const QList<QPointF>& base, const QList<QPointF>& points)
{
    QList<QPointF> out = points;
    for (qsizetype i = 0; i < out.size() && i < base.size(); ++i)
        out[i].ry() += base[i].y();
    return out;
}

/// A value as the readout shows it.
QString valueText(double y, ChartStyle::ValueKind kind)
{
    const QLocale locale;
    switch (kind) {
    case ChartStyle::ValueKind::Count:
        return locale.toString(qRound64(y));
    case ChartStyle::ValueKind::Money:
        return QStringLiteral("$") + locale.toString(y, 'f', y != 0 && std::abs(y) < 1 ? 4 : 2);
    case ChartStyle::ValueKind::Milliseconds:
        return locale.toString(y, 'f', 0) + QStringLiteral(" ms");
    case ChartStyle::ValueKind::Fraction:
        return locale.toString(y, 'f', 3);
    }
    return {};
}

} // namespace

TimeChart::TimeChart(Mode mode, const QString& valueTitle, ChartStyle::ValueKind kind, QWidget* parent)
    : ChartView(parent)
    , m_mode(mode)
    , m_kind(kind)
    , m_time(new QDateTimeAxis(this))
    , m_value(new QValueAxis(this))
    , m_crosshair(chart())
    , m_firstBand(chart())
    , m_lastBand(chart())
{
    viewport()->setMouseTracking(true); // the crosshair follows the mouse without a button held
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        placePartialBands();
        m_crosshair.hide();
    });
    m_time->setTitleText(tr("Time (UTC)"));
    m_value->setTitleText(valueTitle);
    chart()->addAxis(m_time, Qt::AlignBottom);
    chart()->addAxis(m_value, Qt::AlignLeft);
    restyle();
}

void TimeChart::setSeries(
    const QList<Series>& series, TimeBucket bucket, const QPair<QDateTime, QDateTime>& window)
{
    const bool keep = sameNames(series);
    m_series = series;
    m_window = window;
    m_crosshair.hide();
    m_firstPartial.reset();
    m_lastPartial.reset();
    QList<qreal> xs;
    for (const Series& s : std::as_const(m_series))
        for (const QPointF& p : s.points)
            xs << p.x();
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    // the points' own spacing (hourly points may be labelled by day), else the labels' bucket
    qreal unit = bucket == TimeBucket::Hour ? HourMs : DayMs;
    for (qsizetype i = 1; i < xs.size(); ++i)
        unit = i == 1 ? xs[1] - xs[0] : std::min(unit, xs[i] - xs[i - 1]);
    m_hourlyPoints = unit <= HourMs;
    // A click opens one bucket: the labels' bucket, or the points' spacing where that is finer
    // (hourly points labelled by day); sparse points are still one bucket apart, not more.
    m_unit = std::min(unit, bucket == TimeBucket::Hour ? HourMs : DayMs);
    if (window.first.isValid() && !xs.isEmpty() && xs.first() < ChartStyle::axisPosition(window.first))
        m_firstPartial = qMakePair(xs.first(), xs.size() > 1 ? xs[1] : xs.first() + unit);
    if (window.second.isValid() && !xs.isEmpty()
        && xs.last() + unit > ChartStyle::axisPosition(window.second))
        m_lastPartial = qMakePair(xs.size() > 1 ? xs[xs.size() - 2] : xs.last() - unit, xs.last());
    if (keep)
        refill();
    else
        rebuild();
    double max = 0;
    QList<QPointF> stack;
    for (const Series& s : std::as_const(m_series)) {
        stack = m_mode == Mode::StackedAreas ? stackedOn(stack, s.points) : s.points;
        for (const QPointF& p : std::as_const(stack))
            max = std::max(max, p.y());
    }
    ChartStyle::fitValueAxis(m_value, max, m_kind);
    fitTimeAxis(bucket);
    restyle();
    placePartialBands();
}

void TimeChart::changeEvent(QEvent* event)
{
    ChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        placePartialBands(); // their hatch and label take the new palette (View → Theme)
}

void TimeChart::placePartialBands()
{
    QAbstractSeries* series = chart()->series().isEmpty() ? nullptr : chart()->series().first();
    const QString label = m_hourlyPoints ? tr("partial hour") : tr("partial day");
    m_firstBand.place(m_firstPartial, series, false, label, palette(), font());
    m_lastBand.place(m_lastPartial, series, true, label, palette(), font());
}

void TimeChart::mouseMoveEvent(QMouseEvent* event)
{
    ChartView::mouseMoveEvent(event);
    const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (m_series.isEmpty() || chart()->series().isEmpty() || !chart()->plotArea().contains(at)) {
        m_crosshair.hide();
        return;
    }
    showCrosshairAt(chart()->mapToValue(at, chart()->series().first()).x());
}

void TimeChart::mousePressEvent(QMouseEvent* event)
{
    ChartView::mousePressEvent(event);
    m_pressedAt.reset();
    if (event->button() == Qt::LeftButton)
        m_pressedAt = event->position().toPoint();
}

void TimeChart::mouseReleaseEvent(QMouseEvent* event)
{
    ChartView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    const bool click = event->button() == Qt::LeftButton && m_pressedAt
        && (pos - *m_pressedAt).manhattanLength() <= QApplication::startDragDistance();
    m_pressedAt.reset();
    const QPointF at = chart()->mapFromScene(mapToScene(pos));
    if (!click || chart()->series().isEmpty() || !chart()->plotArea().contains(at))
        return;
    if (const std::optional<Hit> hit = hitAt(chart()->mapToValue(at, chart()->series().first())))
        emit bucketClicked(*hit);
}

QPoint TimeChart::viewPosition(const QPointF& value) const
{
    if (chart()->series().isEmpty())
        return {};
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, chart()->series().first())));
}

std::optional<TimeChart::Hit> TimeChart::hitAt(const QPointF& value) const
{
    std::optional<qreal> nearest;
    for (const Series& s : std::as_const(m_series))
        for (const QPointF& p : s.points)
            if (!nearest || std::abs(p.x() - value.x()) < std::abs(*nearest - value.x()))
                nearest = p.x();
    if (!nearest)
        return std::nullopt;
    // axisPosition() shows UTC as local time: read the local fields back as UTC
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(qint64(*nearest));
    Hit hit;
    hit.start = QDateTime(local.date(), local.time(), Qt::UTC);
    hit.end = hit.start.addMSecs(qint64(m_unit));
    qreal below = 0;
    std::optional<qreal> closest;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const auto point = std::find_if(m_series[i].points.cbegin(), m_series[i].points.cend(),
            [&](const QPointF& p) { return p.x() == *nearest; });
        if (point == m_series[i].points.cend())
            continue;
        if (m_mode == Mode::StackedAreas) {
            below += point->y();
            if (value.y() <= below) {
                hit.series = int(i);
                break;
            }
        } else if (!closest || std::abs(point->y() - value.y()) < *closest) {
            closest = std::abs(point->y() - value.y());
            hit.series = int(i);
        }
    }
    return hit;
}

void TimeChart::leaveEvent(QEvent* event)
{
    ChartView::leaveEvent(event);
    m_crosshair.hide();
    showTooltip({});
}

void TimeChart::hideEvent(QHideEvent* event)
{
    ChartView::hideEvent(event);
    m_crosshair.hide(); // a page change or drill-down closes it
    showTooltip({});
}

void TimeChart::showCrosshairAt(qreal x)
{
    std::optional<qreal> nearest;
    for (const Series& s : std::as_const(m_series))
        for (const QPointF& p : s.points)
            if (!nearest || std::abs(p.x() - x) < std::abs(*nearest - x))
                nearest = p.x();
    if (!nearest || chart()->series().isEmpty()) {
        m_crosshair.hide();
        return;
    }
    m_crosshair.show(
        chart()->mapToPosition({ *nearest, 0 }, chart()->series().first()), readoutAt(*nearest), palette());
}

QString TimeChart::readoutAt(qreal x) const
{
    QString text = m_tooltip ? m_tooltip(0, x) : QString();
    if (text.isEmpty()) {
        // axisPosition() makes local time read as UTC: its wall clock is the UTC time
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(qint64(x));
        const QDateTime at(local.date(), local.time(), Qt::UTC);
        text = m_hourlyPoints ? LocaleTime::dateTime(at) + QStringLiteral(" UTC")
                              : LocaleTime::date(at.date());
        for (const Series& s : std::as_const(m_series))
            for (const QPointF& p : s.points)
                if (p.x() == x)
                    text += QLatin1Char('\n') + s.name + QStringLiteral(": ") + valueText(p.y(), m_kind);
    }
    if ((m_lastPartial && x == m_lastPartial->second) || (m_firstPartial && x == m_firstPartial->first))
        text += QLatin1Char('\n')
            + (m_hourlyPoints ? tr("(partial hour: so far)") : tr("(partial day: so far)"));
    return text;
}

bool TimeChart::sameNames(const QList<Series>& series) const
{
    QList<QAbstractSeries*> shown = chart()->series();
    shown.removeOne(m_markSeries.data());
    if (shown.size() != series.size())
        return false;
    for (qsizetype i = 0; i < series.size(); ++i) {
        if (shown[i]->name() != series[i].name)
            return false;
    }
    return true;
}

void TimeChart::rebuild()
{
    chart()->removeAllSeries();
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QAbstractSeries* added = nullptr;
        if (m_mode == Mode::Lines) {
            added = new QLineSeries;
        } else {
            auto* area = new QAreaSeries;
            area->setUpperSeries(new QLineSeries(area));
            if (i > 0)
                area->setLowerSeries(new QLineSeries(area));
            added = area;
        }
        added->setName(m_series[i].name);
        chart()->addSeries(added);
        added->attachAxis(m_time);
        added->attachAxis(m_value);
    }
    refill();
    showMarks(); // removeAllSeries() took the marks too
}

void TimeChart::refill()
{
    const QList<QAbstractSeries*> shown = chart()->series();
    // About two points per horizontal pixel is all a line can show.
    const int maxPoints = std::max(1000, 2 * int(chart()->plotArea().width()));
    QList<QPointF> stack;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const QList<QPointF>& points = m_series[i].points;
        const bool dots = points.size() < FewPoints;
        if (auto* line = qobject_cast<QLineSeries*>(shown[i])) {
            line->replace(SeriesThinning::minMax(points, maxPoints));
            line->setPointsVisible(dots);
        } else if (auto* area = qobject_cast<QAreaSeries*>(shown[i])) {
            if (area->lowerSeries())
                area->lowerSeries()->replace(stack);
            stack = stackedOn(stack, points);
            area->upperSeries()->replace(stack);
            area->setPointsVisible(dots);
        }
    }
}

void TimeChart::fitTimeAxis(TimeBucket bucket)
{
    qreal first = 0;
    qreal last = 0;
    bool any = false;
    for (const Series& s : std::as_const(m_series)) {
        for (const QPointF& p : s.points) {
            first = any ? std::min(first, p.x()) : p.x();
            last = any ? std::max(last, p.x()) : p.x();
            any = true;
        }
    }
    if (!any)
        return;
    // As many labels as fit: about one per 110 px ("Nov 24" at the widget's font), 2 to 7.
    const qint64 maxTicks = std::clamp<qint64>(width() / (fontMetrics().averageCharWidth() * 14), 2, 7);
    TimeAxisFit::apply(m_time, first, last, bucket, m_window, maxTicks);
}

void TimeChart::setMarks(const QList<Mark>& marks)
{
    m_marks = marks;
    showMarks();
}

void TimeChart::showMarks()
{
    if (m_markSeries) {
        chart()->removeSeries(m_markSeries);
        delete m_markSeries;
    }
    if (m_marks.isEmpty())
        return;
    m_markSeries = new QScatterSeries;
    m_markSeries->setName(tr("Anomalies"));
    m_markSeries->setMarkerSize(11);
    QList<QPointF> points;
    for (const Mark& m : std::as_const(m_marks))
        points << m.point;
    m_markSeries->replace(points);
    connect(m_markSeries, &QScatterSeries::hovered, this, &TimeChart::onMarkHovered);
    chart()->addSeries(m_markSeries);
    m_markSeries->attachAxis(m_time);
    m_markSeries->attachAxis(m_value);
    restyle(); // the marks' colours
}

void TimeChart::onMarkHovered(const QPointF& point, bool state)
{
    if (!state || m_marks.isEmpty()) {
        showTooltip({});
        return;
    }
    const auto nearest
        = std::min_element(m_marks.cbegin(), m_marks.cend(), [&point](const Mark& a, const Mark& b) {
              return QLineF(a.point, point).length() < QLineF(b.point, point).length();
          });
    showTooltip(nearest->tooltip);
}

} // namespace RagScope
