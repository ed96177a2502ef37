#include "kpicard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace RagScope {

KpiCard::KpiCard(const QString& title, QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_change(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setAccessibleName(title);

    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_title->setWordWrap(true);

    // Relative sizes keep the card readable at any scaling factor.
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.8);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_change->setForegroundRole(QPalette::PlaceholderText);
    m_change->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    layout->addStretch();
    clear();
}

QString KpiCard::title() const
{
    return m_title->text();
}

QString KpiCard::value() const
{
    return m_value->text();
}

QString KpiCard::change() const
{
    return m_change->text();
}

void KpiCard::setValue(const QString& value)
{
    m_value->setText(value);
    m_value->setAccessibleName(m_title->text() + QStringLiteral(": ") + value);
}

void KpiCard::setChange(const QString& change)
{
    m_change->setText(change);
}

void KpiCard::clear()
{
    setValue(tr("—"));
    setChange(QString());
}

} // namespace RagScope
