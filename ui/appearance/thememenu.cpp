#include "thememenu.h"

#include <QActionGroup>

namespace RagScope {

ThemeMenu::ThemeMenu(QWidget* parent)
    : QMenu(tr("&Theme"), parent)
    , m_group(new QActionGroup(this))
{
    const QList<std::pair<Theme::Choice, QString>> choices { { Theme::Choice::System, tr("&System") },
        { Theme::Choice::Light, tr("&Light") }, { Theme::Choice::Dark, tr("&Dark") } };
    for (const auto& [choice, text] : choices) {
        QAction* a = addAction(text);
        a->setCheckable(true);
        a->setChecked(choice == Theme::current());
        a->setData(int(choice));
        a->setObjectName(QStringLiteral("theme-") + Theme::key(choice));
        m_group->addAction(a);
    }
    m_group->setExclusive(true);
    connect(m_group, &QActionGroup::triggered, this, [](QAction* a) {
        const auto choice = Theme::Choice(a->data().toInt());
        Theme::apply(choice);
        Theme::save(choice);
    });
}

QAction* ThemeMenu::action(Theme::Choice choice) const
{
    for (QAction* a : m_group->actions())
        if (Theme::Choice(a->data().toInt()) == choice)
            return a;
    return nullptr;
}

} // namespace RagScope
