#include "chartstyle.h"

#include "appearance/semanticcolors.h"

#include <QAbstractBarSeries>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QFont>
#include <QLegend>
#include <QScatterSeries>
#include <QValueAxis>
#include <QXYSeries>

#include <array>
#include <cmath>

namespace RagScope::ChartStyle {

namespace {

// Okabe–Ito based: distinguishable with the common colour-vision deficiencies.
constexpr std::array<QRgb, 8> LightColors { 0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9,
    0x8C6D31, 0x666666 };
constexpr std::array<QRgb, 8> DarkColors { 0x56B4E9, 0xF0B43C, 0x33C9A0, 0xFF7F3F, 0xE69AC8, 0x9AD0F5,
    0xC9A25A, 0xBBBBBB };

void styleAxes(QChart* chart, const QPalette& palette, const QFont& font)
{
    QFont titleFont = font;
    titleFont.setBold(true);
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(110);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(font);
        axis->setLabelsBrush(text);
        axis->setTitleFont(titleFont);
        axis->setTitleBrush(text);
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(grid);
        axis->setShadesVisible(false);
    }
}

void styleSeries(QChart* chart, const QPalette& palette)
{
    int index = 0;
    for (QAbstractSeries* series : chart->series()) {
        if (auto* marks = qobject_cast<QScatterSeries*>(series)) {
            // Anomaly marks (TimeChart::setMarks): the alarm colour, outlined against the background.
            marks->setColor(SemanticColors::fill(SemanticColors::Role::Error));
            marks->setBorderColor(palette.color(QPalette::Base));
            continue;
        }
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets()) {
                const QColor color = seriesColor(index++, palette);
                set->setColor(color);
                set->setBorderColor(color.darker(120));
                set->setLabelColor(palette.color(QPalette::WindowText));
            }
        } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            const QColor color = seriesColor(index++, palette);
            area->setColor(color);
            area->setBorderColor(color.darker(isDark(palette) ? 60 : 130));
        } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            QPen pen(seriesColor(index++, palette));
            pen.setWidthF(2.0);
            xy->setPen(pen);
        }
    }
}

} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor seriesColor(int index, const QPalette& palette)
{
    const auto& colors = isDark(palette) ? DarkColors : LightColors;
    return QColor::fromRgb(colors[size_t(index) % colors.size()]);
}

void apply(QChart* chart, const QPalette& palette, const QFont& font)
{
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setLocalizeNumbers(true);
    QFont titleFont = font;
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(palette.color(QPalette::WindowText));
    chart->legend()->setFont(font);
    chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    styleAxes(chart, palette, font);
    styleSeries(chart, palette);
}

void fitValueAxis(QValueAxis* axis, double max, ValueKind kind)
{
    double top = 1.0;
    double step = 0.2;
    if (kind != ValueKind::Fraction && max > 0) {
        const double raw = max / 5.0;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        step = 10 * magnitude;
        for (double m : { 1.0, 2.0, 2.5, 5.0 }) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        if (kind == ValueKind::Count)
            step = std::max(1.0, std::round(step));
        top = std::ceil(max / step) * step;
    } else if (kind == ValueKind::Count) {
        step = 1.0;
    }
    // Fixed ticks land on multiples of `step` because the range is a whole number of steps
    // (dynamic ticks lose their labels in Qt 6.4's axis layout).
    axis->setRange(0.0, top);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(int(std::lround(top / step)) + 1);
    axis->setMinorTickCount(0);
    const int decimals = std::max(0, int(std::ceil(-std::log10(step) - 1e-9)));
    switch (kind) {
    case ValueKind::Count:
        axis->setLabelFormat(QStringLiteral("%.0f")); // "%d" labels vanish in Qt 6.4 with localized numbers
        break;
    case ValueKind::Money:
        axis->setLabelFormat(QStringLiteral("$%.%1f").arg(std::max(2, decimals)));
        break;
    case ValueKind::Milliseconds:
        axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
        break;
    case ValueKind::Fraction:
        axis->setLabelFormat(QStringLiteral("%.1f"));
        break;
    }
}

qreal axisPosition(const QDateTime& utc)
{
    const QDateTime u = utc.toUTC();
    return qreal(QDateTime(u.date(), u.time(), Qt::LocalTime).toMSecsSinceEpoch());
}

} // namespace RagScope::ChartStyle
