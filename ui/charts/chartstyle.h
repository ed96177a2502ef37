#pragma once

#include <QColor>
#include <QDateTime>
#include <QPalette>

class QChart;
class QFont;
class QValueAxis;

namespace RagScope {

/// Colours and fonts of every chart, taken from the widget's palette and font so that light
/// and dark palettes and 200 % scaling all read well.
namespace ChartStyle {
bool isDark(const QPalette& palette);
/// The index-th series colour: a colour-blind-safe set, brighter on dark palettes.
QColor seriesColor(int index, const QPalette& palette);
/// What a value axis counts: decides its ticks and label format.
enum class ValueKind { Count, Money, Milliseconds, Fraction };

/// Background, title, legend, axes and series colours and fonts of `chart`.
void apply(QChart* chart, const QPalette& palette, const QFont& font);
/// Range 0…a round number at or above `max`, round tick steps (whole ones for counts) and
/// labels for the kind with as many decimals as the step needs (Fraction is fixed at 0…1).
void fitValueAxis(QValueAxis* axis, double max, ValueKind kind);
/// QDateTimeAxis shows local time: the position of a UTC time such that it reads as UTC.
qreal axisPosition(const QDateTime& utc);
} // namespace ChartStyle

} // namespace RagScope
