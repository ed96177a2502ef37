#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QStackedLayout;
class QToolBar;
class QAction;

namespace RagScope {

/// A titled box around one chart or table: header with title, busy bar and actions (export…),
/// and a message that replaces the content while there is nothing to show ("No data").
class Panel : public QFrame
{
    Q_OBJECT
public:
    explicit Panel(const QString& title, QWidget* parent = nullptr);

    void setContent(QWidget* content);
    QWidget* content() const { return m_content; }
    /// Adds an action (e.g. "Export PNG…") to the header.
    void addHeaderAction(QAction* action);
    void setTitle(const QString& title);
    QString title() const;
    /// Shows a thin busy bar in the header while a load runs; the content stays visible.
    void setBusy(bool busy);
    bool isBusy() const;
    /// A non-empty message replaces the content (e.g. "No interactions in this window"); empty shows it
    /// again.
    void setMessage(const QString& message);
    QString message() const;

private:
    QLabel* m_title;
    QProgressBar* m_busy;
    QToolBar* m_actions;
    QStackedLayout* m_stack;
    QLabel* m_message;
    QWidget* m_content = nullptr;
};

} // namespace RagScope
