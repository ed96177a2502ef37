#pragma once

#include <QMenu>

namespace RagScope {

/// Help: About RagScope (version, what it is for) and About Qt.
class HelpMenu : public QMenu
{
    Q_OBJECT
public:
    explicit HelpMenu(QWidget* parent = nullptr);
};

} // namespace RagScope
