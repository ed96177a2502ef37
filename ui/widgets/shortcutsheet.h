#pragma once

#include <QDialog>

class QAction;
class QTableWidget;

namespace RagScope {

/// The cheat sheet of a page's keys (? or F1): every action with a shortcut, as it is bound now
/// (label keys change with the team's labels), in a small window that Escape closes.
class ShortcutSheet : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutSheet(QWidget* parent = nullptr);

    /// Lists `actions` that have a shortcut (disabled ones too: they work once an item is shown).
    void setActions(const QList<QAction*>& actions);
    /// The sheet as text, one "keys — what" line per action (for tests and copying).
    QString text() const;

private:
    QTableWidget* m_table;
};

} // namespace RagScope
