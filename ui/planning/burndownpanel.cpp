#include "burndownpanel.h"

#include "charts/timechart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace RagScope {

namespace {

double dollars(Money m)
{
    // plotted heights only; every amount shown as text stays exact Money
    return double(m.units()) / double(Money::UnitsPerDollar);
}

qreal at(const QDate& day)
{
    return ChartStyle::axisPosition(QDateTime(day, QTime(0, 0), Qt::UTC));
}

} // namespace

BurnDownPanel::BurnDownPanel(QWidget* parent)
    : QWidget(parent)
    , m_chart(new TimeChart(TimeChart::Mode::Lines, tr("Cost (USD)"), ChartStyle::ValueKind::Money))
    , m_summary(new QLabel(this))
    , m_model(new QComboBox(this))
    , m_budget(new QLineEdit(this))
    , m_budgetError(new QLabel(this))
    , m_where(new QLabel(this))
{
    m_chart->setObjectName(QStringLiteral("burnDownChart"));
    m_summary->setObjectName(QStringLiteral("burnDownSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_budget->setObjectName(QStringLiteral("budgetEdit"));
    m_budget->setPlaceholderText(tr("none"));
    m_budget->setMaximumWidth(140);
    m_model->setObjectName(QStringLiteral("budgetModel"));
    m_model->addItem(tr("All models"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        m_budget->setText(QString()); // not modified: the chosen model's budget arrives with its burn-down
        m_where->clear();
        m_budgetError->clear();
        emit budgetModelChanged();
    });
    m_budgetError->setObjectName(QStringLiteral("budgetError"));
    m_where->setObjectName(QStringLiteral("budgetWhere"));
    auto* save = new QPushButton(tr("Save budget"), this);
    connect(save, &QPushButton::clicked, this, &BurnDownPanel::saveBudget);
    connect(m_budget, &QLineEdit::returnPressed, this, &BurnDownPanel::saveBudget);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Monthly budget (USD) for"), this));
    row->addWidget(m_model);
    row->addWidget(m_budget);
    row->addWidget(save);
    row->addWidget(m_where);
    row->addWidget(m_budgetError, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_summary);
    layout->addWidget(m_chart, 1);
}

void BurnDownPanel::saveBudget()
{
    const QString text = m_budget->text().trimmed();
    std::optional<Money> budget;
    if (!text.isEmpty()) {
        const auto amount = Money::parse(text);
        if (!amount.ok() || amount.value().units() < 0) {
            m_budgetError->setText(tr("A budget is a non-negative decimal amount, e.g. 250 or 1200.50"));
            return;
        }
        budget = amount.value();
    }
    m_budgetError->clear();
    m_budget->setModified(false);
    emit budgetSaveRequested(budget);
}

void BurnDownPanel::setModels(const QStringList& models)
{
    const QString chosen = m_model->currentIndex() > 0 ? m_model->currentText() : QString();
    const QSignalBlocker quiet(m_model); // the choice stays; nothing to reload
    while (m_model->count() > 1)
        m_model->removeItem(1);
    m_model->addItems(models);
    if (!chosen.isEmpty()) {
        if (!models.contains(chosen))
            m_model->addItem(chosen); // a budgeted model may have no traffic in this window
        m_model->setCurrentText(chosen);
    }
}

std::optional<QString> BurnDownPanel::budgetModel() const
{
    return m_model->currentIndex() > 0 ? std::optional(m_model->currentText()) : std::nullopt;
}

void BurnDownPanel::showBudget(const std::optional<Money>& amount, bool inStore)
{
    if (!m_budget->isModified()) // never overwrite what the user is typing
        m_budget->setText(amount ? amount->toString() : QString());
    m_where->setText(inStore ? tr("saved in the store") : tr("saved in this computer's settings"));
    m_where->setToolTip(inStore ? tr("Shared with everyone who opens this store")
                                : tr("This role may not write the store (or the store has no budgets table): "
                                     "the budget stays on this computer"));
}

QString BurnDownPanel::verdict(const BurnDown& plan)
{
    if (!plan.budget)
        return tr("No budget set: forecast %1 this month").arg(plan.projectedMonth.toDisplayString());
    if (plan.onTrack())
        return tr("On track: forecast %1 of %2")
            .arg(plan.projectedMonth.toDisplayString(), plan.budget->toDisplayString());
    return tr("Over by %1 on %2")
        .arg(plan.overBy().toDisplayString(), QLocale().toString(plan.monthEnd, QLocale::ShortFormat));
}

void BurnDownPanel::setBurnDown(const BurnDown& plan)
{
    QList<QPointF> actual, expected, low, high, budget;
    for (const BurnDownPoint& p : plan.points) {
        const qreal x = at(p.day);
        if (!p.forecast) {
            actual << QPointF(x, dollars(p.cumulative));
            continue;
        }
        if (expected.isEmpty() && !actual.isEmpty()) { // join the forecast to the last actual day
            expected << actual.last();
            low << actual.last();
            high << actual.last();
        }
        expected << QPointF(x, dollars(p.cumulative));
        low << QPointF(x, dollars(p.low));
        high << QPointF(x, dollars(p.high));
    }
    QList<TimeChart::Series> series { { tr("Actual"), actual }, { tr("Forecast"), expected },
        { tr("80% band, low"), low }, { tr("80% band, high"), high } };
    if (plan.budget) {
        budget << QPointF(at(plan.monthStart), dollars(*plan.budget))
               << QPointF(at(plan.monthEnd), dollars(*plan.budget));
        series << TimeChart::Series { tr("Budget"), budget };
    }
    m_chart->setSeries(series, TimeBucket::Day);
    QString text = tr("%1. Month to date (actual, up to yesterday): %2; forecast month total %3 "
                      "(80%: %4 – %5); naive projection (daily mean × days): %6.")
                       .arg(verdict(plan), plan.actualToDate.toDisplayString(),
                           plan.projectedMonth.toDisplayString(), plan.projectedLow.toDisplayString(),
                           plan.projectedHigh.toDisplayString(), plan.naiveMonth.toDisplayString());
    if (plan.runOut)
        text += QLatin1Char(' ')
            + tr("At the forecast rate the budget runs out on %1.")
                  .arg(QLocale().toString(*plan.runOut, QLocale::ShortFormat));
    m_summary->setText(text + QLatin1Char(' ') + tr("Forecast amounts are estimates rounded to cents."));
}

void BurnDownPanel::clear()
{
    m_chart->setSeries({}, TimeBucket::Day);
    m_summary->clear();
}

} // namespace RagScope
