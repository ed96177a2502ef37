#include "whatifpanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace RagScope {

namespace {
constexpr int TypedTarget = 0; // the target combo's first entry
}

WhatIfPanel::WhatIfPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_input(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_share(new QDoubleSpinBox(this))
    , m_message(new QLabel(this))
{
    m_model->setObjectName(QStringLiteral("whatIfModel"));
    m_target->setObjectName(QStringLiteral("whatIfTarget"));
    m_input->setPlaceholderText(tr("USD per 1M input tokens"));
    m_output->setPlaceholderText(tr("USD per 1M output tokens (none: embedding)"));
    m_share->setRange(0, 100);
    m_share->setDecimals(2);
    m_share->setValue(100);
    m_share->setSuffix(QStringLiteral(" %"));
    m_message->setObjectName(QStringLiteral("whatIfMessage"));
    m_message->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Traffic of model"), m_model);
    form->addRow(tr("Share to move"), m_share);
    form->addRow(tr("Priced as"), m_target);
    form->addRow(tr("Typed input price"), m_input);
    form->addRow(tr("Typed output price"), m_output);

    auto* grid = new QGridLayout;
    const QStringList columns { tr("Before"), tr("After"), tr("Difference") };
    const QStringList rows { tr("Window"), tr("Monthly (× 30 days)"), tr("Annual (× 365 days)") };
    for (int c = 0; c < 3; ++c)
        grid->addWidget(
            new QLabel(QStringLiteral("<b>%1</b>").arg(columns[c]), this), 0, c + 1, Qt::AlignRight);
    for (int r = 0; r < 3; ++r) {
        grid->addWidget(new QLabel(rows[r], this), r + 1, 0);
        for (int c = 0; c < 3; ++c) {
            auto* cell = new QLabel(this);
            cell->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            cell->setTextInteractionFlags(Qt::TextSelectableByMouse);
            grid->addWidget(cell, r + 1, c + 1);
            m_cells << cell;
        }
    }
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(grid);
    layout->addWidget(m_message);
    layout->addStretch(1);

    for (QComboBox* combo : { m_model, m_target })
        connect(combo, &QComboBox::currentIndexChanged, this, &WhatIfPanel::evaluate);
    for (QLineEdit* edit : { m_input, m_output })
        connect(edit, &QLineEdit::textChanged, this, &WhatIfPanel::evaluate);
    connect(m_share, &QDoubleSpinBox::valueChanged, this, &WhatIfPanel::evaluate);
}

void WhatIfPanel::setLedger(const CostLedger& ledger)
{
    m_ledger = ledger;
    const QString model = m_model->currentText();
    const QString target = m_target->currentText();
    QStringList models;
    for (const CostGroup& g : ledger.groups())
        if (g.model && !models.contains(*g.model))
            models << *g.model;
    std::sort(models.begin(), models.end());
    QStringList prefixes;
    for (const ModelPrice& p : ledger.prices().rows())
        if (!prefixes.contains(p.prefix))
            prefixes << p.prefix;
    const QSignalBlocker blockModel(m_model);
    const QSignalBlocker blockTarget(m_target);
    m_model->clear();
    m_model->addItems(models);
    m_model->setCurrentIndex(std::max(0, int(models.indexOf(model))));
    m_target->clear();
    m_target->addItem(tr("Typed price"));
    m_target->addItems(prefixes);
    m_target->setCurrentIndex(std::max(0, m_target->findText(target)));
    evaluate();
}

void WhatIfPanel::clear()
{
    m_ledger.reset();
    m_result.reset();
    m_model->clear();
    for (QLabel* cell : std::as_const(m_cells))
        cell->clear();
    m_message->clear();
}

void WhatIfPanel::choose(const QString& model, const QString& target, double sharePercent,
    const QString& input, const QString& output)
{
    const QSignalBlocker blocks[] { QSignalBlocker(m_model), QSignalBlocker(m_target),
        QSignalBlocker(m_input), QSignalBlocker(m_output), QSignalBlocker(m_share) };
    m_model->setCurrentIndex(m_model->findText(model));
    m_target->setCurrentIndex(target.isEmpty() ? TypedTarget : m_target->findText(target));
    m_share->setValue(sharePercent);
    m_input->setText(input);
    m_output->setText(output);
    evaluate();
}

void WhatIfPanel::evaluate()
{
    m_result.reset();
    for (QLabel* cell : std::as_const(m_cells))
        cell->clear();
    const bool typed = m_target->currentIndex() == TypedTarget;
    m_input->setEnabled(typed);
    m_output->setEnabled(typed);
    if (!m_ledger || m_model->currentIndex() < 0) {
        m_message->setText(tr("No traffic in this window."));
        return;
    }
    WhatIfScenario s;
    s.model = m_model->currentText();
    // the spin box shows two decimals: its value in basis points is a whole number
    s.shareBasisPoints = int(std::lround(m_share->value() * 100));
    if (typed) {
        QJsonObject row { { QStringLiteral("prefix"), QStringLiteral("typed") },
            { QStringLiteral("input"), m_input->text().trimmed() } };
        if (!m_output->text().trimmed().isEmpty())
            row.insert(QStringLiteral("output"), m_output->text().trimmed());
        const auto table = PriceTable::fromJson(
            QJsonDocument(QJsonObject { { QStringLiteral("models"), QJsonArray { row } } }).toJson(),
            tr("typed price"));
        if (!table.ok()) {
            m_message->setText(tr("Type the prices as decimals in USD per 1M tokens, e.g. 0.25."));
            return;
        }
        s.typedPrice = table->rows().first();
    } else {
        s.targetModel = m_target->currentText();
    }
    const auto r = WhatIf::evaluate(*m_ledger, s);
    if (!r.ok()) {
        m_message->setText(r.error().message);
        return;
    }
    m_result = r.value();
    showAmount(0, r->window);
    showAmount(1, r->monthly);
    showAmount(2, r->annual);
    QString note = tr("%1 requests, %2 prompt and %3 completion tokens; exact amounts in the tooltips.")
                       .arg(QLocale().toString(r->requests), QLocale().toString(r->promptTokens),
                           QLocale().toString(r->completionTokens));
    if (r->unpricedBefore > 0 || r->unpricedAfter > 0)
        note += QLatin1Char(' ')
            + tr("%1 requests had no price before and %2 none at the target: they keep their cost.")
                  .arg(r->unpricedBefore)
                  .arg(r->unpricedAfter);
    m_message->setText(note);
}

void WhatIfPanel::showAmount(int row, const WhatIfAmount& amount)
{
    const Money values[] { amount.before, amount.after, amount.difference() };
    for (int c = 0; c < 3; ++c) {
        QLabel* cell = m_cells[row * 3 + c];
        cell->setText(values[c].toDisplayString());
        cell->setToolTip(values[c].toString() + QStringLiteral(" USD"));
    }
}

} // namespace RagScope
