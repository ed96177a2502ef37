#include "ruleeditordialog.h"
#include "i18n/localetime.h"

#include "alerts/alertevaluator.h"
#include "alerts/alertrulesfile.h"
#include "appearance/semantictint.h"
#include "jobs/latestjob.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace RagScope {

namespace {

using Kind = AlertRule::Kind;

const QList<Kind> Kinds { Kind::LatencyPercentile, Kind::LowConfidenceShare, Kind::LowRatingShare,
    Kind::CostSpike, Kind::CostTotal };

QString thresholdText(const AlertRule& r, bool critical)
{
    if (r.kind == Kind::CostTotal) {
        const std::optional<Money>& m = critical ? r.criticalCost : r.warnCost;
        return m ? m->toString() : QString();
    }
    const std::optional<double>& v = critical ? r.critical : r.warn;
    return v ? QString::number(*v, 'g', 12) : QString();
}

} // namespace

RuleEditorDialog::RuleEditorDialog(
    const QList<AlertRule>& rules, const QString& path, StorePtr store, const Filter& filter, QWidget* parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_path(path)
    , m_store(std::move(store))
    , m_filter(filter)
    , m_testJob(new LatestJob(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_phase(new QComboBox(this))
    , m_percentile(new QSpinBox(this))
    , m_below(new QDoubleSpinBox(this))
    , m_atMost(new QSpinBox(this))
    , m_window(new QLineEdit(this))
    , m_warn(new QLineEdit(this))
    , m_critical(new QLineEdit(this))
    , m_minRequests(new QSpinBox(this))
    , m_groupBy(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Alert rules"));
    for (Kind k : Kinds)
        m_kind->addItem(AlertRule::kindName(k));
    for (AlertRule::Phase p :
        { AlertRule::Phase::Total, AlertRule::Phase::Retrieval, AlertRule::Phase::Generation })
        m_phase->addItem(AlertRule::phaseName(p));
    for (AlertRule::GroupBy g :
        { AlertRule::GroupBy::None, AlertRule::GroupBy::Model, AlertRule::GroupBy::User })
        m_groupBy->addItem(AlertRule::groupByName(g));
    m_percentile->setRange(50, 99);
    m_below->setRange(0.01, 1.0);
    m_below->setDecimals(2);
    m_below->setSingleStep(0.05);
    m_atMost->setRange(1, 4);
    m_minRequests->setRange(0, 1'000'000'000);
    m_window->setPlaceholderText(tr("1h, 24h, 7d"));
    m_warn->setPlaceholderText(tr("none"));
    m_critical->setPlaceholderText(tr("none"));
    SemanticTint::set(m_problem, SemanticColors::Role::Error);
    m_problem->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Phase"), m_phase);
    form->addRow(tr("Percentile"), m_percentile);
    form->addRow(tr("Confidence below"), m_below);
    form->addRow(tr("Ratings at most"), m_atMost);
    form->addRow(tr("Window"), m_window);
    form->addRow(tr("Warn at"), m_warn);
    form->addRow(tr("Critical at"), m_critical);
    form->addRow(tr("Min requests"), m_minRequests);
    form->addRow(tr("Group by"), m_groupBy);
    form->addRow(m_problem);
    form->addRow(m_result);

    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* test = new QPushButton(tr("Test against the window"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(test);
    right->addStretch();
    auto* top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addLayout(right, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &RuleEditorDialog::addRule);
    connect(remove, &QPushButton::clicked, this, &RuleEditorDialog::removeRule);
    connect(test, &QPushButton::clicked, this, &RuleEditorDialog::testRule);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &RuleEditorDialog::updateKindFields);
    connect(m_list, &QListWidget::currentRowChanged, this, &RuleEditorDialog::selectRule);
    for (const AlertRule& r : std::as_const(m_rules))
        m_list->addItem(r.name);
    if (!m_rules.isEmpty())
        m_list->setCurrentRow(0);
    resize(760, 480);
}

void RuleEditorDialog::selectRule(int row)
{
    if (row == m_current || row < 0 || row >= m_rules.size())
        return;
    if (m_current >= 0 && m_current < m_rules.size() && !storeForm()) {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(m_current); // fix the form first
        return;
    }
    m_current = row;
    showRule(m_rules[row]);
}

void RuleEditorDialog::showRule(const AlertRule& r)
{
    m_name->setText(r.name);
    m_kind->setCurrentIndex(int(Kinds.indexOf(r.kind)));
    m_phase->setCurrentIndex(int(r.phase));
    m_percentile->setValue(r.percentile);
    m_below->setValue(r.below);
    m_atMost->setValue(r.atMost);
    m_window->setText(AlertRule::windowText(r.windowSeconds));
    m_warn->setText(thresholdText(r, false));
    m_critical->setText(thresholdText(r, true));
    m_minRequests->setValue(int(r.minRequests));
    m_groupBy->setCurrentIndex(int(r.groupBy));
    m_problem->clear();
    m_result->clear();
    updateKindFields();
}

void RuleEditorDialog::updateKindFields()
{
    const Kind k = Kinds.value(m_kind->currentIndex());
    m_phase->setEnabled(k == Kind::LatencyPercentile);
    m_percentile->setEnabled(k == Kind::LatencyPercentile);
    m_below->setEnabled(k == Kind::LowConfidenceShare);
    m_atMost->setEnabled(k == Kind::LowRatingShare);
    const QString unit = k == Kind::LatencyPercentile ? tr("ms")
        : k == Kind::CostSpike                        ? tr("× the median of the previous 7 days")
        : k == Kind::CostTotal                        ? tr("USD, e.g. 25.00")
                                                      : tr("share, 0.25 = 25%");
    m_warn->setToolTip(unit);
    m_critical->setToolTip(unit);
}

std::optional<AlertRule> RuleEditorDialog::formRule(QString* problem) const
{
    AlertRule r;
    r.name = m_name->text().trimmed();
    r.kind = Kinds.value(m_kind->currentIndex());
    r.phase = AlertRule::Phase(m_phase->currentIndex());
    r.percentile = m_percentile->value();
    r.below = m_below->value();
    r.atMost = m_atMost->value();
    r.minRequests = m_minRequests->value();
    r.groupBy = AlertRule::GroupBy(m_groupBy->currentIndex());
    const auto window = AlertRule::parseWindow(m_window->text().trimmed());
    if (!window) {
        *problem = tr("The window must be whole hours or days from 1h to 7d, e.g. 1h, 24h, 7d.");
        return std::nullopt;
    }
    r.windowSeconds = *window;
    for (const bool critical : { false, true }) {
        const QString text = (critical ? m_critical : m_warn)->text().trimmed();
        if (text.isEmpty())
            continue;
        if (r.kind == Kind::CostTotal) {
            const auto money = Money::parse(text);
            if (!money.ok()) {
                *problem = tr("%1 must be an amount in USD such as 25.00.")
                               .arg(critical ? tr("Critical") : tr("Warn"));
                return std::nullopt;
            }
            (critical ? r.criticalCost : r.warnCost) = money.value();
        } else {
            bool ok = false;
            const double v = text.toDouble(&ok);
            if (!ok) {
                *problem = tr("%1 must be a number.").arg(critical ? tr("Critical") : tr("Warn"));
                return std::nullopt;
            }
            (critical ? r.critical : r.warn) = v;
        }
    }
    if (const QString p = AlertRulesFile::problem(r); !p.isEmpty()) {
        *problem = tr("This rule: %1.").arg(p);
        return std::nullopt;
    }
    for (int i = 0; i < m_rules.size(); ++i)
        if (i != m_current && m_rules[i].name == r.name) {
            *problem = tr("Another rule is called \"%1\".").arg(r.name);
            return std::nullopt;
        }
    return r;
}

bool RuleEditorDialog::storeForm()
{
    if (m_current < 0 || m_current >= m_rules.size())
        return true;
    QString problem;
    const auto rule = formRule(&problem);
    m_problem->setText(problem);
    if (!rule)
        return false;
    m_rules[m_current] = *rule;
    m_list->item(m_current)->setText(rule->name);
    return true;
}

void RuleEditorDialog::addRule()
{
    if (!storeForm())
        return;
    AlertRule r = AlertRule::defaults().constLast();
    int n = 1;
    do
        r.name = tr("new rule %1").arg(n++);
    while (
        std::any_of(m_rules.cbegin(), m_rules.cend(), [&r](const AlertRule& x) { return x.name == r.name; }));
    m_rules << r;
    m_list->addItem(r.name);
    m_list->setCurrentRow(int(m_rules.size()) - 1);
}

void RuleEditorDialog::removeRule()
{
    if (m_current < 0 || m_current >= m_rules.size())
        return;
    const int row = m_current;
    m_rules.removeAt(row);
    m_current = -1;
    delete m_list->takeItem(row);
    if (!m_rules.isEmpty())
        selectRule(std::min(row, int(m_rules.size()) - 1));
    m_list->setCurrentRow(m_current);
}

void RuleEditorDialog::testRule()
{
    QString problem;
    const auto rule = formRule(&problem);
    m_problem->setText(problem);
    if (!rule)
        return;
    if (!m_store) {
        m_result->setText(tr("No store open."));
        emit tested();
        return;
    }
    const StorePtr store = m_store;
    const QDateTime at = std::min(m_filter.to.isValid() ? m_filter.to : QDateTime::currentDateTimeUtc(),
        QDateTime::currentDateTimeUtc());
    m_result->setText(tr("Testing…"));
    m_testJob->start([store, r = *rule, at] { return AlertEvaluator(store).evaluate(r, at); },
        [this, at](const Result<QList<AlertResult>>& result) {
            if (!result.ok()) {
                m_result->setText(result.error().message);
            } else {
                QStringList lines { tr("As of %1 UTC:").arg(LocaleTime::dateTime(at)) };
                for (const AlertResult& r : result.value())
                    lines << QStringLiteral("%1: %2").arg(alertStateName(r.state), r.summary());
                m_result->setText(lines.join(QLatin1Char('\n')));
            }
            emit tested();
        });
}

bool RuleEditorDialog::save()
{
    if (!storeForm())
        return false;
    if (m_rules.isEmpty()) {
        m_problem->setText(tr("Keep at least one rule."));
        return false;
    }
    if (m_path.isEmpty()) {
        m_path = QFileDialog::getSaveFileName(
            this, tr("Save alert rules"), QStringLiteral("alert-rules.json"), tr("JSON files (*.json)"));
        if (m_path.isEmpty())
            return false;
    }
    const Status saved = AlertRulesFile::save(m_path, m_rules);
    if (!saved.ok()) {
        m_problem->setText(saved.error().message);
        return false;
    }
    return true;
}

QString RuleEditorDialog::testResult() const
{
    return m_result->text();
}

QString RuleEditorDialog::problemText() const
{
    return m_problem->text();
}

} // namespace RagScope
