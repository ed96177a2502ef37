#include "panel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStackedLayout>
#include <QToolBar>
#include <QVBoxLayout>

namespace RagScope {

Panel::Panel(const QString& title, QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_busy(new QProgressBar(this))
    , m_actions(new QToolBar(this))
    , m_stack(new QStackedLayout)
    , m_message(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("panel"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(title);

    m_busy->setRange(0, 0); // indeterminate
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->setMaximumWidth(80);
    m_busy->setAccessibleName(tr("Loading"));
    m_busy->hide();

    m_actions->setIconSize(QSize(16, 16));
    m_actions->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_busy);
    header->addStretch();
    header->addWidget(m_actions);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_message);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addLayout(header);
    layout->addLayout(m_stack, 1);
}

void Panel::setContent(QWidget* content)
{
    if (m_content) {
        m_stack->removeWidget(m_content);
        m_content->deleteLater();
    }
    m_content = content;
    m_stack->addWidget(content);
    m_stack->setCurrentWidget(m_message->text().isEmpty() ? content : static_cast<QWidget*>(m_message));
}

void Panel::addHeaderAction(QAction* action)
{
    m_actions->addAction(action);
}

void Panel::setTitle(const QString& title)
{
    m_title->setText(title);
    m_title->setAccessibleName(title);
}

QString Panel::title() const
{
    return m_title->text();
}

void Panel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

bool Panel::isBusy() const
{
    return !m_busy->isHidden();
}

void Panel::setMessage(const QString& message)
{
    m_message->setText(message);
    if (message.isEmpty() && m_content)
        m_stack->setCurrentWidget(m_content);
    else
        m_stack->setCurrentWidget(m_message);
}

QString Panel::message() const
{
    return m_message->text();
}

} // namespace RagScope
