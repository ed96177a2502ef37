#include "overviewpage.h"
#include "i18n/localetime.h"

#include "charts/timechart.h"
#include "export/metricscsv.h"
#include "feedback/drilldownquery.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "models/topusersmodel.h"
#include "money/costdisplay.h"
#include "planning/budgetsettings.h"
#include "planning/burndownpanel.h"
#include "planning/costplanner.h"
#include "widgets/exporter.h"
#include "widgets/fittedcolumns.h"
#include "widgets/kpicard.h"
#include "widgets/panel.h"

#include <QAction>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace RagScope {

namespace {

constexpr int TopUsers = 10;

// How a card's figure is compared: relative figures (a percentage, or a difference written by
// `difference` when the baseline is too small) or absolute ones ("▼ 0.10", "▲ 2.00 pp").
struct Comparison
{
    QString versus; ///< "vs previous 7 days"
    QString noPrevious; ///< "no data in the previous 7 days"
    bool relative = true;
    std::function<QString(double)> difference = {}; ///< relative figures: |current − previous|
    double scale = 1.0; ///< absolute figures
    QString unit = {};
};

QString changeText(const FigureChange& change, const Comparison& c)
{
    const QString arrow = change.amount > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ");
    switch (change.kind) {
    case FigureChange::Kind::NoPrevious:
        return c.noPrevious;
    case FigureChange::Kind::NoCurrent:
        return OverviewPage::tr("no data in this window");
    case FigureChange::Kind::Same:
        return OverviewPage::tr("no change %1").arg(c.versus);
    case FigureChange::Kind::Difference:
        return OverviewPage::tr("%1 %2 (too few previous data for a %)")
            .arg(arrow + c.difference(std::abs(change.amount)), c.versus);
    case FigureChange::Kind::Moved:
        break;
    }
    const double amount = change.amount * c.scale;
    if (std::abs(amount) < (c.relative ? 0.05 : 0.005))
        return OverviewPage::tr("no change %1").arg(c.versus);
    if (c.relative)
        return arrow + OverviewPage::tr("%1% %2").arg(QLocale().toString(std::abs(amount), 'f', 1), c.versus);
    return arrow + QLocale().toString(std::abs(amount), 'f', 2) + c.unit + QLatin1Char(' ') + c.versus;
}

// |amount| of money, exact.
QString moneyDifference(Money amount)
{
    return CostDisplay::amount(amount.units() < 0 ? Money() - amount : amount);
}

QString milliseconds(const std::optional<double>& value)
{
    return value ? OverviewPage::tr("%1 ms").arg(QLocale().toString(*value, 'f', 0)) : OverviewPage::tr("—");
}

} // namespace

OverviewPage::OverviewPage(QWidget* parent)
    : MetricsPage(parent)
    , m_budgetCard(new KpiCard(tr("Budget this month"), this))
    , m_budgetJob(addJob())
    , m_unpriced(new QLabel(this))
    , m_kpiPanel(new Panel(tr("Key figures"), this))
    , m_usersPanel(new Panel(tr("Top users"), this))
    , m_usersModel(new TopUsersModel(this))
    , m_usersProxy(new QSortFilterProxyModel(this))
    , m_usersView(new QTableView(this))
    , m_kpiJob(addJob())
    , m_usersJob(addJob())
    , m_requestsJob(addJob())
    , m_requestsChart(new TimeChart(TimeChart::Mode::Lines, tr("Requests"), ChartStyle::ValueKind::Count))
    , m_requestsPanel(new Panel(tr("Requests per hour (anomalies marked)"), this))
{
    const QStringList titles { tr("Requests"), tr("Total cost"), tr("Projected monthly cost"),
        tr("Projected annual cost"), tr("Average latency"), tr("p95 latency"), tr("Average confidence"),
        tr("Feedback rate"), tr("Average rating") };
    auto* cards = new QWidget(this);
    auto* grid = new QGridLayout(cards);
    grid->setContentsMargins(0, 0, 0, 0);
    // Rows: traffic and speed, cost, quality.
    const std::array<Card, CardCount> order { Requests, AvgLatency, P95Latency, TotalCost, MonthlyCost,
        AnnualCost, AvgConfidence, FeedbackRate, AvgRating };
    for (int i = 0; i < CardCount; ++i)
        m_cards << new KpiCard(titles.at(i), cards);
    for (int i = 0; i < CardCount; ++i)
        grid->addWidget(m_cards.at(order[i]), i / 3, i % 3);
    m_budgetCard->setObjectName(QStringLiteral("budgetCard"));
    grid->addWidget(m_budgetCard, CardCount / 3, 0, 1, 3);
    m_kpiPanel->setContent(cards);

    m_unpriced->setWordWrap(true);
    m_unpriced->setAutoFillBackground(true);
    m_unpriced->setBackgroundRole(QPalette::ToolTipBase);
    m_unpriced->setForegroundRole(QPalette::ToolTipText);
    m_unpriced->setMargin(fontMetrics().height() / 3);
    m_unpriced->setToolTip(
        tr("Add the models to the price table (a pricing JSON file) to give them a cost."));
    m_unpriced->hide();

    m_usersProxy->setSourceModel(m_usersModel);
    m_usersProxy->setSortRole(TopUsersModel::SortRole);
    m_usersView->setModel(m_usersProxy);
    m_usersView->setSortingEnabled(true);
    m_usersView->sortByColumn(TopUsersModel::Requests, Qt::DescendingOrder);
    m_usersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_usersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_usersView->verticalHeader()->hide();
    new FittedColumns(m_usersView); // every number whole; the user name takes what is left
    m_usersView->horizontalHeader()->setSectionResizeMode(TopUsersModel::User, QHeaderView::Stretch);
    m_usersView->setToolTip(tr("Double-click a user to review their low-rated or low-confidence answers."));
    m_usersPanel->setContent(m_usersView);
    auto* exportCsv = new QAction(tr("Export CSV…"), this);
    connect(exportCsv, &QAction::triggered, this, [this] {
        Exporter::exportTableCsv(
            this, MetricsCsv::topUsers(m_usersModel->rows()), QStringLiteral("top-users.csv"));
    });
    m_usersPanel->addHeaderAction(exportCsv);

    connect(m_usersView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        ReviewQueueQuery query;
        query.filter = filter();
        query.filter.user = index.data(TopUsersModel::UserIdRole).toString();
        emit drillDown(query);
    });
    connect(m_kpiJob, &LatestJob::busyChanged, m_kpiPanel, &Panel::setBusy);
    connect(m_usersJob, &LatestJob::busyChanged, m_usersPanel, &Panel::setBusy);
    connect(m_requestsJob, &LatestJob::busyChanged, m_requestsPanel, &Panel::setBusy);
    m_requestsChart->setObjectName(QStringLiteral("requestsChart"));
    // A click on an hour lists that hour's interactions.
    connect(m_requestsChart, &TimeChart::bucketClicked, this,
        [this](const TimeChart::Hit& hit) { emit drillDown(bucketDrillDown(filter(), hit.start, hit.end)); });
    m_requestsChart->setMinimumHeight(fontMetrics().height() * 14);
    m_requestsPanel->setContent(m_requestsChart);
    m_requestsChart->setTooltip([this](int, qreal x) {
        const QDateTime hour = QDateTime::fromMSecsSinceEpoch(qint64(x), Qt::UTC);
        for (const TimeChart::Series& s : m_requestsChart->series())
            for (const QPointF& p : s.points)
                if (p.x() == x)
                    return tr("%1 UTC: %2 requests")
                        .arg(LocaleTime::dateTime(hour), QLocale().toString(qint64(p.y())));
        return QString();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_unpriced);
    layout->addWidget(m_kpiPanel);
    auto* lower = new QHBoxLayout;
    lower->addWidget(m_requestsPanel, 1);
    lower->addWidget(m_usersPanel, 1);
    layout->addLayout(lower, 1);
    clear(tr("No store is open"));
}

QString OverviewPage::title() const
{
    return tr("Overview");
}

void OverviewPage::reload()
{
    if (!beginLoad())
        return;
    const StorePtr store = this->store();
    const Filter filter = this->filter();
    const MetricsCollector metrics = this->metrics();
    m_kpiJob->start([metrics, filter] { return metrics.overview(filter); },
        [this](const Result<OverviewReport>& result) {
            if (result.ok())
                showFigures(result.value());
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_usersJob->start([metrics, filter] { return metrics.userStats(filter, TopUsers); },
        [this](const Result<QList<UserStats>>& result) {
            if (result.ok()) {
                m_usersModel->setData(result.value());
                m_usersPanel->setMessage(result->isEmpty() ? tr("No requests in this window") : QString());
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    // This calendar month (UTC) whatever the window: budgets are monthly. Stored cost, as the cards.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_budgetJob->start(
        [store, today]() -> Result<BurnDown> {
            RAGSCOPE_TRY(budget, BudgetSettings::load(store)); // the total, store or settings
            return CostPlanner::burnDown(store, PriceTable::builtIn(), CostView::Stored, today, budget.amount,
                {}, MetricsCollector::Answering::FromRollups);
        },
        [this](const Result<BurnDown>& result) {
            if (result.ok()) {
                const BurnDown& plan = result.value();
                m_budgetCard->setValue(BurnDownPanel::verdict(plan));
                m_budgetCard->setChange(plan.runOut
                        ? tr("budget runs out %1 at the forecast rate")
                              .arg(QLocale().toString(*plan.runOut, QLocale::ShortFormat))
                        : tr("forecast %1 (80%: %2 – %3)")
                              .arg(plan.projectedMonth.toDisplayString(), plan.projectedLow.toDisplayString(),
                                  plan.projectedHigh.toDisplayString()));
            }
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_requestsJob->start([store, filter] { return AnomalyScanner(store).report(filter); },
        [this](const Result<AnomalyReport>& result) {
            if (result.ok())
                showRequests(result.value());
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void OverviewPage::showRequests(const AnomalyReport& report)
{
    QList<QPointF> points;
    for (qsizetype h = 0; h < report.requests.size(); ++h)
        points << QPointF(
            ChartStyle::axisPosition(report.firstHour.addSecs(h * 3600)), double(report.requests[h]));
    m_requestsChart->setSeries(points.isEmpty() ? QList<TimeChart::Series>()
                                                : QList<TimeChart::Series> { { tr("Requests"), points } },
        MetricsCollector::bucketFor(filter()),
        { filter().from, filter().to }); // hour labels up to 3 days, day labels beyond
    QList<TimeChart::Mark> marks;
    for (const Anomaly& a : report.anomalies)
        if (a.metric == Anomaly::Metric::Requests)
            marks << TimeChart::Mark { QPointF(ChartStyle::axisPosition(a.hour), a.value),
                tr("Anomaly (outside the expected range)\n%1").arg(a.describe()) };
    m_requestsChart->setMarks(marks);
    m_requestsPanel->setMessage(points.isEmpty() ? tr("No whole hour in this window") : QString());
}

void OverviewPage::clear(const QString& message)
{
    for (KpiCard* card : std::as_const(m_cards))
        card->clear();
    m_budgetCard->clear();
    m_unpriced->hide();
    m_usersModel->setData({});
    m_usersPanel->setMessage(message);
    m_requestsChart->setMarks({});
    m_requestsChart->setSeries({}, TimeBucket::Hour);
    m_requestsPanel->setMessage(message);
}

QString OverviewPage::comparedTo() const
{
    const double days = filter().days();
    if (days >= 2.0 && std::abs(days - std::round(days)) < 1e-9)
        return tr("vs previous %n days", nullptr, int(std::lround(days)));
    return tr("vs previous %n hours", nullptr, int(std::lround(days * 24.0)));
}

QString OverviewPage::noPreviousData() const
{
    const double days = filter().days();
    if (days >= 2.0 && std::abs(days - std::round(days)) < 1e-9)
        return tr("no data in the previous %n days", nullptr, int(std::lround(days)));
    return tr("no data in the previous %n hours", nullptr, int(std::lround(days * 24.0)));
}

void OverviewPage::showFigures(const OverviewReport& report)
{
    const QLocale locale;
    const Comparison relative { comparedTo(), noPreviousData() };
    Comparison absolute = relative;
    absolute.relative = false;
    const auto set = [this](Card card, const QString& value, const QString& change) {
        m_cards.at(card)->setValue(value);
        m_cards.at(card)->setChange(change);
    };
    const auto with = [&relative](std::function<QString(double)> difference) {
        Comparison c = relative;
        c.difference = std::move(difference);
        return c;
    };
    const auto money = [](Money amount) { return [amount](double) { return moneyDifference(amount); }; };
    const auto ms = [&locale](double amount) { return tr("%1 ms").arg(locale.toString(amount, 'f', 0)); };
    const OverviewFigures& current = report.current;
    const KpiTotals& now = current.kpis;
    set(Requests, locale.toString(now.requests), changeText(report.requests(), with([&locale](double amount) {
        return locale.toString(qint64(amount));
    })));
    const auto cost
        = [&now](Money amount) { return CostDisplay::sum(amount, now.requests, now.unpricedRequests); };
    set(TotalCost, cost(now.totalCost), changeText(report.totalCost(), with(money(report.costDifference()))));
    set(MonthlyCost, cost(current.projection.monthly),
        changeText(report.monthlyCost(), with(money(report.monthlyCostDifference()))));
    set(AnnualCost, cost(current.projection.annual),
        changeText(report.annualCost(), with(money(report.annualCostDifference()))));
    set(AvgLatency, milliseconds(now.avgLatencyMs), changeText(report.avgLatency(), with(ms)));
    set(P95Latency, milliseconds(current.p95LatencyMs), changeText(report.p95Latency(), with(ms)));
    set(AvgConfidence, now.avgConfidence ? locale.toString(*now.avgConfidence, 'f', 2) : tr("—"),
        changeText(report.avgConfidence(), absolute));
    const auto rate = current.ratings.feedbackRate();
    Comparison points = absolute;
    points.scale = 100.0;
    points.unit = tr(" pp");
    set(FeedbackRate, rate ? tr("%1%").arg(locale.toString(*rate * 100.0, 'f', 1)) : tr("—"),
        changeText(report.feedbackRate(), points));
    const auto rating = current.ratings.average;
    set(AvgRating, rating ? tr("%1 / 5").arg(locale.toString(*rating, 'f', 2)) : tr("—"),
        changeText(report.avgRating(), absolute));

    m_unpriced->setVisible(now.unpricedRequests > 0);
    m_unpriced->setText(tr("%1 requests of unknown models have no cost — see pricing.")
                            .arg(locale.toString(now.unpricedRequests)));
    m_kpiPanel->setTitle(tr("Key figures, %1 – %2 UTC")
                             .arg(LocaleTime::dateTime(report.filter.from, locale),
                                 LocaleTime::dateTime(report.filter.to, locale)));
}

} // namespace RagScope
