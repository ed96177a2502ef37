#pragma once

#include "theme.h"

#include <QMenu>

class QActionGroup;

namespace RagScope {

/// View → Theme: System / Light / Dark, exclusive; a choice applies at once and is remembered.
class ThemeMenu : public QMenu
{
    Q_OBJECT
public:
    explicit ThemeMenu(QWidget* parent = nullptr);

    QAction* action(Theme::Choice choice) const;

private:
    QActionGroup* m_group;
};

} // namespace RagScope
