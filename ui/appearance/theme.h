#pragma once

#include <QString>

#include <optional>

namespace RagScope {

/// View → Theme: the platform's own look, or RagScope's light or dark palette (Fusion style).
/// Applying one sends every widget a QEvent::PaletteChange; widgets that draw their own
/// colours (charts, the detail view, error labels) restyle on it.
namespace Theme {
enum class Choice { System, Light, Dark };

/// Applies `choice` to the whole application. The platform's palette and style are kept from
/// before the first call, so System brings them back.
void apply(Choice choice);
Choice current();
/// The choice kept in QSettings ("appearance/theme"); System when none is kept.
Choice saved();
void save(Choice choice);
/// "system", "light", "dark" (settings and `ragscope --theme`).
QString key(Choice choice);
std::optional<Choice> fromKey(const QString& key);
} // namespace Theme

} // namespace RagScope
