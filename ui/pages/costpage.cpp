#include "costpage.h"

#include "charts/chartgroup.h"
#include "charts/exportpanels.h"
#include "charts/timechart.h"
#include "dailycostcharts.h"
#include "export/metricscsv.h"
#include "feedback/drilldownquery.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "models/dailycostmodel.h"
#include "models/pricingmodel.h"
#include "money/costdisplay.h"
#include "planning/budgetsettings.h"
#include "planning/burndownpanel.h"
#include "planning/costplanner.h"
#include "planning/costplanningtabs.h"
#include "planning/costviewswitch.h"
#include "widgets/panel.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace RagScope {

namespace {

// A burn-down with the budget it was planned against and where that budget lives.
struct BudgetedBurnDown
{
    BurnDown plan;
    BudgetSettings::Lookup budget;
};

QLabel* valueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return label;
}

// An amount over the window's requests: what is priced, and "no price" for those without one.
void setMoney(QLabel* label, Money amount, const KpiTotals& totals)
{
    label->setText(CostDisplay::sum(amount, totals.requests, totals.unpricedRequests));
    label->setToolTip(amount.toString() + QStringLiteral(" USD"));
}

} // namespace

CostPage::CostPage(QWidget* parent)
    : MetricsPage(parent)
    , m_dailyJob(addJob())
    , m_totalsJob(addJob())
    , m_anomalyJob(addJob())
    , m_ledgerJob(addJob())
    , m_burnDownJob(addJob())
    , m_budgetSaveJob(new LatestJob(this))
    , m_dailyModel(new DailyCostModel(this))
    , m_pricingModel(new PricingModel(this))
    , m_costChart(
          new TimeChart(TimeChart::Mode::StackedAreas, tr("Cost (USD)"), ChartStyle::ValueKind::Money))
    , m_tokensChart(new TimeChart(TimeChart::Mode::StackedAreas, tr("Tokens"), ChartStyle::ValueKind::Count))
    , m_unpricedWarning(new QLabel(this))
    , m_totalCost(valueLabel(this))
    , m_dailyAverage(valueLabel(this))
    , m_monthly(valueLabel(this))
    , m_annual(valueLabel(this))
    , m_requests(valueLabel(this))
    , m_view(new CostViewSwitch(this))
    , m_planning(new CostPlanningTabs(this))
{
    connect(m_view, &QComboBox::currentIndexChanged, this, [this] {
        showCostView();
        loadBurnDown();
    });
    connect(m_planning->burnDown(), &BurnDownPanel::budgetModelChanged, this, &CostPage::loadBurnDown);
    connect(m_planning->burnDown(), &BurnDownPanel::budgetSaveRequested, this, &CostPage::saveBudget);
    // The burn-down plans this month (not the window): a day opens that day of its scope.
    connect(
        m_planning->burnDown()->chart(), &TimeChart::bucketClicked, this, [this](const TimeChart::Hit& hit) {
            const Filter day { hit.start, hit.end, {}, m_planning->burnDown()->budgetModel() };
            emit drillDown(bucketDrillDown(day, hit.start, hit.end, ReviewQueueQuery::SortKey::Cost));
        });
    m_costChart->setObjectName(QStringLiteral("dailyCostChart"));
    m_costChart->setTooltip(
        [this](int, qreal x) { return DailyCostCharts::costReadout(m_dailyModel->rows(), x); });
    // A click on a day lists its interactions, dearest first; on a model's band, that model's.
    connect(m_costChart, &TimeChart::bucketClicked, this, [this](const TimeChart::Hit& hit) {
        ReviewQueueQuery query
            = bucketDrillDown(filter(), hit.start, hit.end, ReviewQueueQuery::SortKey::Cost);
        const QList<TimeChart::Series>& series = m_costChart->series();
        if (hit.series >= 0 && hit.series < series.size()) {
            for (const DailyCost& row : m_dailyModel->rows()) {
                if (row.model && DailyCostModel::modelLabel(row) == series[hit.series].name)
                    query.filter.model = row.model;
            }
        }
        emit drillDown(query);
    });
    connect(m_tokensChart, &TimeChart::bucketClicked, this, [this](const TimeChart::Hit& hit) {
        emit drillDown(bucketDrillDown(filter(), hit.start, hit.end, ReviewQueueQuery::SortKey::Cost));
    });
    m_tokensChart->setObjectName(QStringLiteral("tokensChart"));
    m_tokensChart->setTooltip(
        [this](int, qreal x) { return DailyCostCharts::tokensReadout(m_dailyModel->rows(), x); });
    m_pricingModel->setTable(PriceTable::builtIn());
    auto* timeCharts = new ChartGroup(this); // one date at one x in both charts
    timeCharts->add(m_costChart);
    timeCharts->add(m_tokensChart);

    m_costPanel = ExportPanels::chartPanel(
        tr("Daily cost per model"), m_costChart, QStringLiteral("daily-cost.png"), this);
    m_tokensPanel = ExportPanels::chartPanel(
        tr("Tokens per day"), m_tokensChart, QStringLiteral("tokens-per-day.png"), this);
    m_tablePanel = ExportPanels::tablePanel(
        tr("Daily cost table"), m_dailyModel, DailyCostModel::SortRole, QStringLiteral("daily-cost.csv"),
        [this] { return MetricsCsv::dailyCost(m_dailyModel->rows()); }, this);
    Panel* pricingPanel = ExportPanels::tablePanel(
        tr("Prices in use (USD per 1M tokens)"), m_pricingModel, Qt::DisplayRole,
        QStringLiteral("pricing.csv"), [this] { return MetricsCsv::prices(m_pricingModel->table()); }, this);
    m_tablePanel->setObjectName(QStringLiteral("dailyCostTable"));
    pricingPanel->setObjectName(QStringLiteral("pricingTable"));

    m_projectionPanel = new Panel(tr("Projection"), this);
    auto* projection = new QWidget;
    auto* form = new QFormLayout(projection);
    form->addRow(tr("Requests in window"), m_requests);
    form->addRow(tr("Cost in window"), m_totalCost);
    form->addRow(tr("Daily average"), m_dailyAverage);
    form->addRow(tr("Monthly (× 30 days)"), m_monthly);
    form->addRow(tr("Annual (× 365 days)"), m_annual);
    m_projectionPanel->setContent(projection);

    m_totalCost->setObjectName(QStringLiteral("totalCost"));
    m_dailyAverage->setObjectName(QStringLiteral("dailyAverage"));
    m_monthly->setObjectName(QStringLiteral("monthlyCost"));
    m_annual->setObjectName(QStringLiteral("annualCost"));
    m_unpricedWarning->setObjectName(QStringLiteral("unpricedWarning"));
    m_unpricedWarning->setWordWrap(true);
    m_unpricedWarning->setFrameShape(QFrame::StyledPanel);
    m_unpricedWarning->setMargin(6);
    QFont bold = m_unpricedWarning->font();
    bold.setBold(true);
    m_unpricedWarning->setFont(bold);
    m_unpricedWarning->hide();

    auto* grid = new QGridLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_view);
    top->addWidget(m_unpricedWarning, 1);
    grid->addLayout(top, 0, 0, 1, 3);
    auto* side = new QVBoxLayout;
    side->addWidget(m_projectionPanel, 1);
    side->addWidget(pricingPanel, 1);
    grid->addWidget(m_costPanel, 1, 0, 1, 2);
    grid->addLayout(side, 1, 2);
    // tokens and the daily table as tabs beside the planning views: four rows of panels would
    // not fit a 1280 × 800 screen
    m_planning->addTab(m_tokensPanel, tr("Tokens per day"));
    m_planning->addTab(m_tablePanel, tr("Daily cost table"));
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
    grid->addWidget(m_planning, 2, 0, 1, 3);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 3);

    for (Panel* panel : { m_costPanel, m_tokensPanel, m_tablePanel })
        connect(m_dailyJob, &LatestJob::busyChanged, panel, &Panel::setBusy);
    connect(m_totalsJob, &LatestJob::busyChanged, m_projectionPanel, &Panel::setBusy);
    connect(m_ledgerJob, &LatestJob::busyChanged, m_planning, &CostPlanningTabs::setBusy);
    clear(tr("No store open"));
}

QString CostPage::title() const
{
    return tr("Cost");
}

void CostPage::setPriceTable(const PriceTable& table)
{
    m_pricingModel->setTable(table);
    if (store())
        reload();
}

QStringList CostPage::screenshotViews() const
{
    return CostPlanningTabs::views();
}

void CostPage::showScreenshotView(const QString& view)
{
    m_planning->showView(view);
}

void CostPage::showCostView()
{
    const bool recomputed = costView() == CostView::Recomputed;
    if (recomputed && !m_ledger)
        return; // shown when the ledger arrives
    showDaily(recomputed ? m_ledger->daily(CostView::Recomputed) : m_storedDaily, filter());
    if (!m_storedTotals)
        return;
    KpiTotals totals = *m_storedTotals;
    if (recomputed)
        totals.totalCost = m_ledger->total(CostView::Recomputed, &totals.unpricedRequests);
    showTotals(totals, filter());
}

void CostPage::loadBurnDown()
{
    if (!store())
        return;
    const StorePtr store = this->store();
    const PriceTable prices = m_pricingModel->table();
    const CostView view = costView();
    const std::optional<QString> model = m_planning->burnDown()->budgetModel();
    // the current month, whatever the filter's window: a budget is per calendar month (UTC)
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_burnDownJob->start(
        [=]() -> Result<BudgetedBurnDown> {
            RAGSCOPE_TRY(budget, BudgetSettings::load(store, model));
            RAGSCOPE_TRY(plan,
                CostPlanner::burnDown(store, prices, view, today, budget.amount, model,
                    MetricsCollector::Answering::FromRollups));
            return BudgetedBurnDown { plan, budget };
        },
        [this](const Result<BudgetedBurnDown>& result) {
            if (result.ok()) {
                m_planning->setBurnDown(result->plan);
                m_planning->burnDown()->showBudget(result->budget.amount, result->budget.inStore);
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void CostPage::saveBudget(const std::optional<Money>& amount)
{
    if (!store())
        return;
    const StorePtr store = this->store();
    const std::optional<QString> model = m_planning->burnDown()->budgetModel();
    m_budgetSaveJob->start([=] { return BudgetSettings::save(store, amount, model); },
        [this](const Result<bool>& saved) {
            if (!saved.ok())
                emit storeError(saved.error());
            loadBurnDown();
        });
}

void CostPage::reload()
{
    if (!beginLoad())
        return;
    const StorePtr store = this->store();
    const MetricsCollector metrics = this->metrics();
    const Filter filter = this->filter();
    m_dailyJob->start([metrics, filter] { return metrics.dailyCost(filter); },
        [this](const Result<QList<DailyCost>>& result) {
            if (result.ok()) {
                m_storedDaily = result.value();
                QStringList models;
                for (const DailyCost& row : m_storedDaily)
                    if (row.model && !models.contains(*row.model))
                        models << *row.model;
                models.sort();
                m_planning->burnDown()->setModels(models);
                showCostView();
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_totalsJob->start([metrics, filter] { return metrics.kpis(filter); },
        [this](const Result<KpiTotals>& result) {
            if (result.ok()) {
                m_storedTotals = result.value();
                showCostView();
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    const PriceTable prices = m_pricingModel->table();
    m_ledger.reset(); // the recomputed view waits for this window's ledger
    m_ledgerJob->start([store, filter, prices] { return CostLedger::load(store, filter, prices); },
        [this](const Result<CostLedger>& result) {
            if (result.ok()) {
                m_ledger = result.value();
                m_planning->setLedger(result.value());
                showCostView();
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    loadBurnDown();
    m_anomalyJob->start([store, filter] { return AnomalyScanner(store).scan(filter); },
        [this](const Result<QList<Anomaly>>& result) {
            m_anomalies.clear();
            if (result.ok())
                for (const Anomaly& a : result.value())
                    if (a.metric == Anomaly::Metric::Cost)
                        m_anomalies << a;
            showAnomalies();
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void CostPage::showAnomalies()
{
    // The chart is daily: one mark per day with flagged hours, at the top of that day's stack.
    QMap<QString, QStringList> perDay;
    for (const Anomaly& a : std::as_const(m_anomalies))
        perDay[a.hour.date().toString(Qt::ISODate)] << a.describe();
    QHash<QString, Money> dayTotal;
    for (const DailyCost& row : m_dailyModel->rows())
        dayTotal[row.day] += row.cost;
    QList<TimeChart::Mark> marks;
    for (auto it = perDay.cbegin(); it != perDay.cend(); ++it) {
        const double y = double(dayTotal.value(it.key()).units()) / double(Money::UnitsPerDollar);
        marks << TimeChart::Mark {
            QPointF(DailyCostCharts::dayPosition(QDate::fromString(it.key(), Qt::ISODate)), y),
            tr("Anomaly (outside the expected range)\n%1").arg(it.value().join(QLatin1Char('\n')))
        };
    }
    m_costChart->setMarks(marks);
}

void CostPage::clear(const QString& message)
{
    m_storedDaily.clear();
    m_storedTotals.reset();
    m_ledger.reset();
    m_planning->clear(message);
    m_dailyModel->setData({});
    m_anomalies.clear();
    m_costChart->setMarks({});
    m_costChart->setSeries({}, TimeBucket::Day);
    m_tokensChart->setSeries({}, TimeBucket::Day);
    m_unpricedWarning->hide();
    for (Panel* panel : { m_costPanel, m_tokensPanel, m_tablePanel, m_projectionPanel })
        panel->setMessage(message);
}

void CostPage::showDaily(const QList<DailyCost>& rows, const Filter& filter)
{
    m_dailyModel->setData(rows);
    const QString message = rows.isEmpty() ? tr("No interactions in this window") : QString();
    for (Panel* panel : { m_costPanel, m_tokensPanel, m_tablePanel })
        panel->setMessage(message);

    const DailyCostCharts::Series series = DailyCostCharts::build(rows, filter);
    m_costChart->setSeries(series.cost, TimeBucket::Day, { filter.from, filter.to });
    showAnomalies();
    m_tokensChart->setSeries(rows.isEmpty()
            ? QList<TimeChart::Series>()
            : QList<TimeChart::Series> { { tr("Prompt tokens"), series.prompt },
                { tr("Completion tokens"), series.completion } },
        TimeBucket::Day, { filter.from, filter.to });
}

void CostPage::showTotals(const KpiTotals& totals, const Filter& filter)
{
    m_projectionPanel->setMessage(totals.requests == 0 ? tr("No interactions in this window") : QString());
    const CostProjection projection = CostTracker::project(totals.totalCost, filter.from, filter.to);
    m_requests->setText(QLocale().toString(totals.requests));
    setMoney(m_totalCost, totals.totalCost, totals);
    setMoney(m_dailyAverage, projection.dailyAverage, totals);
    setMoney(m_monthly, projection.monthly, totals);
    setMoney(m_annual, projection.annual, totals);
    m_unpricedWarning->setVisible(totals.unpricedRequests > 0);
    m_unpricedWarning->setText(
        tr("⚠ Requests without a cost in this window: %1. Their model is not in the price "
           "table, so the totals and projections leave them out.")
            .arg(QLocale().toString(totals.unpricedRequests)));
}

} // namespace RagScope
