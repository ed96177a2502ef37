#include "timechart.h"

#include "seriesthinning.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
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

} // namespace

TimeChart::TimeChart(Mode mode, const QString& valueTitle, ChartStyle::ValueKind kind, QWidget* parent)
    : ChartView(parent)
    , m_mode(mode)
    , m_kind(kind)
    , m_time(new QDateTimeAxis(this))
    , m_value(new QValueAxis(this))
{
    m_time->setTitleText(tr("Time (UTC)"));
    m_value->setTitleText(valueTitle);
    chart()->addAxis(m_time, Qt::AlignBottom);
    chart()->addAxis(m_value, Qt::AlignLeft);
    restyle();
}

void TimeChart::setSeries(const QList<Series>& series, TimeBucket bucket)
{
    const bool keep = sameNames(series);
    m_series = series;
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
        const int index = int(i);
        if (m_mode == Mode::Lines) {
            auto* line = new QLineSeries;
            connect(line, &QLineSeries::hovered, this,
                [this, index](const QPointF& p, bool state) { onHovered(index, p, state); });
            added = line;
        } else {
            auto* area = new QAreaSeries;
            area->setUpperSeries(new QLineSeries(area));
            if (i > 0)
                area->setLowerSeries(new QLineSeries(area));
            connect(area, &QAreaSeries::hovered, this,
                [this, index](const QPointF& p, bool state) { onHovered(index, p, state); });
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
    const qreal unit = bucket == TimeBucket::Hour ? HourMs : DayMs;
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
    // Ticks on whole buckets: the span is padded to a whole number of tick steps.
    qint64 span = qRound64((last - first) / unit);
    if (span == 0) {
        first -= unit;
        span = 2;
    }
    // As many labels as fit: about one per 110 px ("Nov 24" at the widget's font), 2 to 7.
    const qint64 maxTicks = std::clamp<qint64>(width() / (fontMetrics().averageCharWidth() * 14), 2, 7);
    const qint64 step = span <= maxTicks ? 1 : (span + maxTicks - 1) / maxTicks;
    const qint64 ticks = (span + step - 1) / step;
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(first)),
        QDateTime::fromMSecsSinceEpoch(qint64(first + qreal(ticks * step) * unit)));
    m_time->setTickCount(int(ticks) + 1);
    if (bucket == TimeBucket::Hour)
        m_time->setFormat(QStringLiteral("MMM d HH:mm"));
    else if (ticks * step > 300)
        m_time->setFormat(QStringLiteral("yyyy-MM-dd"));
    else
        m_time->setFormat(QStringLiteral("MMM d"));
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
    m_markSeries->setColor(QColor(0xd3, 0x2f, 0x2f));
    m_markSeries->setBorderColor(Qt::white);
    QList<QPointF> points;
    for (const Mark& m : std::as_const(m_marks))
        points << m.point;
    m_markSeries->replace(points);
    connect(m_markSeries, &QScatterSeries::hovered, this, &TimeChart::onMarkHovered);
    chart()->addSeries(m_markSeries);
    m_markSeries->attachAxis(m_time);
    m_markSeries->attachAxis(m_value);
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

void TimeChart::onHovered(int series, const QPointF& point, bool state)
{
    if (!state || !m_tooltip || series >= m_series.size() || m_series[series].points.isEmpty()) {
        showTooltip({});
        return;
    }
    const QList<QPointF>& points = m_series[series].points;
    const auto nearest
        = std::min_element(points.cbegin(), points.cend(), [&point](const QPointF& a, const QPointF& b) {
              return std::abs(a.x() - point.x()) < std::abs(b.x() - point.x());
          });
    showTooltip(m_tooltip(series, nearest->x()));
}

} // namespace RagScope
