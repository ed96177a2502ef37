#include "semanticcolors.h"

#include <algorithm>
#include <cmath>

namespace RagScope::SemanticColors {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// The starting points: Material-like hues, a deep one for light backgrounds, a pale one for dark.
QColor variant(Role role, bool dark)
{
    switch (role) {
    case Role::Secondary:
        return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x5f, 0x5f, 0x5f);
    case Role::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    case Role::Warning:
        return dark ? QColor(0xf5, 0xc2, 0x6b) : QColor(0x8a, 0x5a, 0x00);
    case Role::Ok:
        return dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x2e, 0x7d, 0x32);
    }
    return {};
}

double luminance(const QColor& color)
{
    const auto channel
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF());
}

QColor mixed(const QColor& from, const QColor& to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
        float(from.greenF() + (to.greenF() - from.greenF()) * t),
        float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// Moves `color` towards `towards` until it reads on both backgrounds (a palette's own text
// colour always does, so this ends).
QColor readable(const QColor& color, const QColor& towards, const QColor& back1, const QColor& back2)
{
    QColor c = color;
    for (int step = 1; step <= 10; ++step) {
        if (std::min(contrast(c, back1), contrast(c, back2)) >= MinimumContrast)
            return c;
        c = mixed(color, towards, step / 10.0);
    }
    return c;
}

} // namespace

QColor text(Role role, const QPalette& palette)
{
    return readable(variant(role, isDark(palette)), palette.color(QPalette::WindowText),
        palette.color(QPalette::Base), palette.color(QPalette::Window));
}

QColor fill(Role role)
{
    // The light-palette variant is the deep one.
    return readable(variant(role, false), QColor(Qt::black), onFill(), onFill());
}

QColor onFill()
{
    return QColor(Qt::white);
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace RagScope::SemanticColors
