#pragma once

#include "semanticcolors.h"

#include <QObject>

#include <optional>

class QWidget;

namespace RagScope {

/// Gives a label (or any widget) the text colour of a semantic role and keeps it right when
/// the palette changes (View → Theme). Replaces style sheets with literal colours.
class SemanticTint : public QObject
{
    Q_OBJECT
public:
    /// Tints `widget` with `role` from now on (replacing an earlier tint).
    static void set(QWidget* widget, SemanticColors::Role role);
    /// Back to the palette's own text colour.
    static void clear(QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    SemanticTint(QWidget* widget, std::optional<SemanticColors::Role> role);
    static void use(QWidget* widget, std::optional<SemanticColors::Role> role);
    void update();

    QWidget* m_widget;
    std::optional<SemanticColors::Role> m_role; ///< none: the surroundings' text colour
};

} // namespace RagScope
