#include "alertspage.h"
#include "i18n/localetime.h"

#include "alerts/alertevaluator.h"
#include "alerts/ruleeditordialog.h"
#include "appearance/semanticcolors.h"
#include "feedback/drilldownquery.h"
#include "jobs/latestjob.h"
#include "widgets/panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace RagScope {

namespace {

QTableWidget* table(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

// A badge: a strong fill with white text reads the same on every theme.
QColor stateColor(AlertState state)
{
    switch (state) {
    case AlertState::Critical:
        return SemanticColors::fill(SemanticColors::Role::Error);
    case AlertState::Warning:
        return SemanticColors::fill(SemanticColors::Role::Warning);
    case AlertState::Ok:
        break;
    }
    return SemanticColors::fill(SemanticColors::Role::Ok);
}

QTableWidgetItem* stateItem(AlertState state)
{
    auto* item = new QTableWidgetItem(alertStateName(state));
    item->setForeground(SemanticColors::onFill());
    item->setBackground(stateColor(state));
    item->setTextAlignment(Qt::AlignCenter);
    return item;
}

void setRow(QTableWidget* t, int row, QTableWidgetItem* first, const QStringList& rest)
{
    t->setItem(row, 0, first);
    for (int c = 0; c < rest.size(); ++c)
        t->setItem(row, c + 1, new QTableWidgetItem(rest[c]));
}

QString timeText(const QDateTime& t)
{
    return LocaleTime::dateTime(t);
}

} // namespace

AlertsPage::AlertsPage(QWidget* parent)
    : MetricsPage(parent)
    , m_stateJob(addJob())
    , m_timelineJob(addJob())
    , m_anomalyJob(addJob())
    , m_rules(AlertRule::defaults())
    , m_rulesLabel(new QLabel(this))
    , m_edit(new QPushButton(tr("Edit rules…"), this))
    , m_statePanel(new Panel(tr("Current state"), this))
    , m_episodePanel(new Panel(tr("Episodes in the window (hourly)"), this))
    , m_anomalyPanel(new Panel(tr("Anomalies: hours outside their seasonal range"), this))
    , m_states(
          table({ tr("State"), tr("Rule"), tr("Value"), tr("Threshold"), tr("Requests"), tr("Note") }, this))
    , m_episodes(table({ tr("Worst"), tr("Rule"), tr("Started"), tr("Resolved"), tr("Peak") }, this))
    , m_anomalies(table({ tr("Metric"), tr("Hour (UTC)"), tr("Value"), tr("Expected range") }, this))
{
    m_states->setObjectName(QStringLiteral("alertStates"));
    m_episodes->setObjectName(QStringLiteral("alertEpisodes"));
    m_anomalies->setObjectName(QStringLiteral("alertAnomalies"));
    m_edit->setObjectName(QStringLiteral("editRules"));
    m_episodes->setToolTip(tr("Double-click an episode to review the interactions behind it."));
    m_statePanel->setContent(m_states);
    m_episodePanel->setContent(m_episodes);
    m_anomalyPanel->setContent(m_anomalies);
    connect(m_edit, &QPushButton::clicked, this, &AlertsPage::editRules);
    connect(m_episodes, &QTableWidget::cellActivated, this, [this](int row, int) { openEpisode(row); });
    // An anomaly is an hour of the whole store: its interactions, dearest first for cost.
    m_anomalies->setToolTip(tr("Double-click an anomaly to review that hour's interactions."));
    connect(m_anomalies, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row < 0 || row >= m_anomalyData.size())
            return;
        const Anomaly& a = m_anomalyData[row];
        const QDateTime end = a.hour.addSecs(3600);
        emit drillDown(bucketDrillDown({ a.hour, end, {}, {} }, a.hour, end,
            a.metric == Anomaly::Metric::Cost ? ReviewQueueQuery::SortKey::Cost
                                              : ReviewQueueQuery::SortKey::CreatedAt));
    });
    connect(m_stateJob, &LatestJob::busyChanged, m_statePanel, &Panel::setBusy);
    connect(m_timelineJob, &LatestJob::busyChanged, m_episodePanel, &Panel::setBusy);
    connect(m_anomalyJob, &LatestJob::busyChanged, m_anomalyPanel, &Panel::setBusy);

    auto* header = new QHBoxLayout;
    m_rulesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_rulesLabel, 1);
    header->addWidget(m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_statePanel, 2);
    auto* lower = new QHBoxLayout;
    lower->addWidget(m_episodePanel, 3);
    lower->addWidget(m_anomalyPanel, 2);
    layout->addLayout(lower, 3);
    updateRulesLabel();
    clear(tr("No store open"));
}

QString AlertsPage::title() const
{
    return tr("Alerts");
}

void AlertsPage::setRules(const QList<AlertRule>& rules, const QString& path)
{
    m_rules = rules;
    m_path = path;
    updateRulesLabel();
    reload();
}

void AlertsPage::updateRulesLabel()
{
    m_rulesLabel->setText(m_path.isEmpty()
            ? tr("%n rule(s): the built-in defaults (low confidence, cost spike, low ratings, p95 latency)",
                nullptr, int(m_rules.size()))
            : tr("%n rule(s) from %1", nullptr, int(m_rules.size())).arg(m_path));
}

void AlertsPage::reload()
{
    if (!beginLoad())
        return;
    const StorePtr store = this->store();
    const Filter filter = this->filter();
    const QList<AlertRule> rules = m_rules;
    const QDateTime at = std::min(filter.to, QDateTime::currentDateTimeUtc());
    m_stateJob->start([store, rules, at] { return AlertEvaluator(store).evaluate(rules, at); },
        [this, at](const Result<QList<AlertResult>>& result) {
            if (result.ok())
                showStates(result.value(), at);
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_timelineJob->start([store, rules, filter] { return AlertTimeline(store).episodes(rules, filter); },
        [this](const Result<QList<AlertEpisode>>& result) {
            if (result.ok())
                showEpisodes(result.value());
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_anomalyJob->start([store, filter] { return AnomalyScanner(store).scan(filter); },
        [this](const Result<QList<Anomaly>>& result) {
            if (result.ok())
                showAnomalies(result.value());
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void AlertsPage::clear(const QString& message)
{
    m_episodeData.clear();
    for (QTableWidget* t : { m_states, m_episodes, m_anomalies })
        t->setRowCount(0);
    for (Panel* p : { m_statePanel, m_episodePanel, m_anomalyPanel })
        p->setMessage(message);
}

void AlertsPage::showStates(const QList<AlertResult>& results, const QDateTime& at)
{
    m_statePanel->setTitle(tr("Current state, as of %1 UTC").arg(timeText(at)));
    m_statePanel->setMessage({});
    QList<AlertResult> sorted = results; // firing first, worst first
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const AlertResult& a, const AlertResult& b) { return int(a.state) > int(b.state); });
    m_states->setRowCount(int(sorted.size()));
    for (int row = 0; row < sorted.size(); ++row) {
        const AlertResult& r = sorted[row];
        setRow(m_states, row, stateItem(r.state),
            { r.label(), r.valueText(),
                r.state == AlertState::Ok ? QString() : QStringLiteral("≥ ") + r.thresholdText(),
                QLocale().toString(r.count), r.note });
    }
    m_states->resizeColumnsToContents();
}

void AlertsPage::showEpisodes(const QList<AlertEpisode>& episodes)
{
    m_episodeData = episodes;
    m_episodePanel->setMessage(episodes.isEmpty() ? tr("No rule fired in this window") : QString());
    m_episodes->setRowCount(int(episodes.size()));
    for (int row = 0; row < episodes.size(); ++row) {
        const AlertEpisode& e = episodes[row];
        setRow(m_episodes, row, stateItem(e.worst),
            { e.label(), timeText(e.start), e.ongoing ? tr("ongoing") : timeText(e.end), e.peak });
    }
    m_episodes->resizeColumnsToContents();
}

void AlertsPage::showAnomalies(const QList<Anomaly>& anomalies)
{
    m_anomalyPanel->setMessage(anomalies.isEmpty() ? tr("No anomalies in this window") : QString());
    m_anomalyData = anomalies;
    m_anomalies->setRowCount(int(anomalies.size()));
    const QLocale locale;
    for (int row = 0; row < anomalies.size(); ++row) {
        const Anomaly& a = anomalies[row];
        const bool cost = a.metric == Anomaly::Metric::Cost;
        auto* metric = new QTableWidgetItem(cost ? tr("Cost") : tr("Requests"));
        metric->setToolTip(a.describe());
        setRow(m_anomalies, row, metric,
            { timeText(a.hour), cost ? a.cost.toDisplayString(4) : locale.toString(qint64(a.value)),
                cost ? tr("%1 – %2").arg(a.costLow.toDisplayString(4), a.costHigh.toDisplayString(4))
                     : tr("%1 – %2").arg(locale.toString(std::floor(a.expectedLow), 'f', 0),
                         locale.toString(std::ceil(a.expectedHigh), 'f', 0)) });
        for (int c = 0; c < m_anomalies->columnCount(); ++c)
            m_anomalies->item(row, c)->setToolTip(a.describe());
    }
    m_anomalies->resizeColumnsToContents();
}

void AlertsPage::openEpisode(int row)
{
    if (row < 0 || row >= m_episodeData.size())
        return;
    const AlertEpisode& e = m_episodeData[row];
    ReviewQueueQuery query;
    query.kind = ReviewQueueQuery::Kind::All; // every interaction behind the episode
    query.filter = e.interactions;
    if (e.rule.kind == AlertRule::Kind::LowRatingShare) {
        query.windowOn = ReviewQueueQuery::WindowOn::Feedback; // ratings count by feedback time
        query.kind = ReviewQueueQuery::Kind::LowRated;
    }
    if (e.rule.kind == AlertRule::Kind::LowConfidenceShare)
        query.kind = ReviewQueueQuery::Kind::LowConfidence;
    if (e.rule.kind == AlertRule::Kind::LatencyPercentile)
        query.sort = ReviewQueueQuery::SortKey::Latency;
    if (e.rule.kind == AlertRule::Kind::CostSpike || e.rule.kind == AlertRule::Kind::CostTotal)
        query.sort = ReviewQueueQuery::SortKey::Cost;
    emit drillDown(query);
}

void AlertsPage::editRules()
{
    RuleEditorDialog dialog(m_rules, m_path, store(), filter(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    setRules(dialog.rules(), dialog.path());
    emit rulesChanged(m_rules, m_path);
}

} // namespace RagScope
