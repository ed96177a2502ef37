#include "queuefilterfields.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace RagScope {

namespace {

constexpr double Unset = -0.05; // the spin boxes' "any" value, one step below 0

QDoubleSpinBox* confidenceBox(const QString& name, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(Unset, 1.0);
    box->setSingleStep(0.05);
    box->setDecimals(2);
    box->setValue(Unset);
    box->setSpecialValueText(QueueFilterFields::tr("any"));
    box->setAccessibleName(name);
    return box;
}

std::optional<double> bound(const QDoubleSpinBox* box)
{
    return box->value() < 0.0 ? std::nullopt : std::optional<double>(box->value());
}

} // namespace

QueueFilterFields::QueueFilterFields(QWidget* parent)
    : QWidget(parent)
    , m_lastDays(new QSpinBox(this))
    , m_min(confidenceBox(tr("Lowest confidence"), this))
    , m_max(confidenceBox(tr("Highest confidence"), this))
    , m_label(new QLineEdit(this))
{
    m_lastDays->setRange(0, ReviewQueueQuery::MaxLastDays);
    m_lastDays->setSpecialValueText(tr("the page's window"));
    m_lastDays->setPrefix(tr("last "));
    m_lastDays->setSuffix(tr(" days"));
    m_lastDays->setAccessibleName(tr("Rolling window"));
    m_lastDays->setToolTip(tr("Kept relative: the days before each claim, not before the queue was saved"));
    m_label->setAccessibleName(tr("Reviewer label"));
    m_label->setPlaceholderText(tr("any label"));
    m_label->setMaxLength(100);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_lastDays);
    layout->addWidget(new QLabel(tr("Confidence"), this));
    layout->addWidget(m_min);
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_max);
    layout->addWidget(new QLabel(tr("Label"), this));
    layout->addWidget(m_label, 1);
}

void QueueFilterFields::applyTo(ReviewQueueQuery& query) const
{
    if (m_lastDays->value() > 0) {
        query.lastDays = m_lastDays->value();
        query.filter.from = {};
        query.filter.to = {};
    }
    query.minConfidence = bound(m_min);
    query.maxConfidence = bound(m_max);
    query.label = m_label->text().trimmed();
}

} // namespace RagScope
