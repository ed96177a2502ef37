#include "semantictint.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

namespace RagScope {

SemanticTint::SemanticTint(QWidget* widget, std::optional<SemanticColors::Role> role)
    : QObject(widget)
    , m_widget(widget)
    , m_role(role)
{
    widget->installEventFilter(this);
    update();
}

void SemanticTint::set(QWidget* widget, SemanticColors::Role role)
{
    use(widget, role);
}

void SemanticTint::clear(QWidget* widget)
{
    use(widget, std::nullopt);
}

void SemanticTint::use(QWidget* widget, std::optional<SemanticColors::Role> role)
{
    if (auto* tint = widget->findChild<SemanticTint*>(QString(), Qt::FindDirectChildrenOnly)) {
        tint->m_role = role;
        tint->update();
    } else {
        new SemanticTint(widget, role);
    }
}

bool SemanticTint::eventFilter(QObject* watched, QEvent* event)
{
    // Setting the same colour again sends no further PaletteChange, so this settles.
    if (watched == m_widget && event->type() == QEvent::PaletteChange)
        update();
    return QObject::eventFilter(watched, event);
}

void SemanticTint::update()
{
    // The surroundings' palette: the widget's own text colour is the one set here.
    const QPalette around
        = m_widget->parentWidget() ? m_widget->parentWidget()->palette() : QApplication::palette(m_widget);
    const QColor text = m_role ? SemanticColors::text(*m_role, around) : around.color(QPalette::WindowText);
    QPalette palette = m_widget->palette();
    if (palette.color(QPalette::WindowText) == text && palette.color(QPalette::Text) == text)
        return;
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    m_widget->setPalette(palette);
}

} // namespace RagScope
