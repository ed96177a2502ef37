#pragma once

#include <QColor>
#include <QPalette>

namespace RagScope {

/// Colours that carry a meaning (secondary text, error, warning, ok), picked for the palette in
/// use so that they stay readable on light and dark backgrounds. Nothing in ui/ hard-codes these.
namespace SemanticColors {
enum class Role { Secondary, Error, Warning, Ok };

/// WCAG's minimum contrast for normal text.
inline constexpr double MinimumContrast = 4.5;

/// The colour of `role` for text on `palette`'s Base and Window: the role's light or dark
/// variant, moved towards the text colour until it reads at MinimumContrast or better.
QColor text(Role role, const QPalette& palette);
/// A strong fill for `role` (state badges, chart marks), the same on every palette…
QColor fill(Role role);
/// …and the text colour that reads on it.
QColor onFill();
/// WCAG 2 contrast ratio of two opaque colours, 1 … 21.
double contrast(const QColor& a, const QColor& b);
} // namespace SemanticColors

} // namespace RagScope
