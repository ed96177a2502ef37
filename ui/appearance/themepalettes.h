#pragma once

#include <QPalette>

namespace RagScope {

/// RagScope's own palettes for the Fusion style (View → Theme → Light / Dark): every role of
/// every colour group set in one place, so no widget falls back to a platform colour.
namespace ThemePalettes {
QPalette light();
QPalette dark();
} // namespace ThemePalettes

} // namespace RagScope
