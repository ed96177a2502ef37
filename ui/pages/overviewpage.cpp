#include "overviewpage.h"

#include "charts/timechart.h"
#include "export/metricscsv.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "models/topusersmodel.h"
#include "money/costdisplay.h"
#include "widgets/exporter.h"
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

namespace RagScope {

struct OverviewPage::Figures
{
    KpiTotals kpis;
    std::optional<double> p95LatencyMs;
    RatingSummary ratings;
    CostProjection projection;
};

namespace {

constexpr int TopUsers = 10;

// "▲ 12.5%" style relative change; nothing to compare with gives a plain note.
QString relativeChange(std::optional<double> current, std::optional<double> previous)
{
    if (!current || !previous)
        return OverviewPage::tr("no previous data");
    if (*previous == 0.0)
        return *current == 0.0 ? OverviewPage::tr("no change") : OverviewPage::tr("new");
    const double percent = (*current - *previous) / std::abs(*previous) * 100.0;
    if (std::abs(percent) < 0.05)
        return OverviewPage::tr("no change");
    return (percent > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ "))
        + OverviewPage::tr("%1%").arg(QLocale().toString(std::abs(percent), 'f', 1));
}

// Absolute change for values that are already rates or scores ("▲ 0.12", "▼ 2.1 pp").
QString absoluteChange(
    std::optional<double> current, std::optional<double> previous, double scale, const QString& unit)
{
    if (!current || !previous)
        return OverviewPage::tr("no previous data");
    const double delta = (*current - *previous) * scale;
    if (std::abs(delta) < 0.005)
        return OverviewPage::tr("no change");
    return (delta > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ "))
        + QLocale().toString(std::abs(delta), 'f', 2) + unit;
}

std::optional<double> moneyValue(const Money& money)
{
    return double(money.units()); // only ever divided by another amount, for a percentage
}

QString milliseconds(const std::optional<double>& value)
{
    return value ? OverviewPage::tr("%1 ms").arg(QLocale().toString(*value, 'f', 0)) : OverviewPage::tr("—");
}

} // namespace

Result<OverviewPage::Figures> OverviewPage::loadFigures(const MetricsCollector& metrics, const Filter& filter)
{
    Figures figures;
    RAGSCOPE_TRY(kpis, metrics.kpis(filter));
    RAGSCOPE_TRY(latency, metrics.latencyPercentiles(filter));
    RAGSCOPE_TRY(ratings, metrics.ratings(filter));
    figures.kpis = kpis;
    figures.p95LatencyMs = latency.total.p95();
    figures.ratings = ratings;
    figures.projection = CostTracker::project(kpis.totalCost, filter.from, filter.to);
    return figures;
}

OverviewPage::OverviewPage(QWidget* parent)
    : DashboardPage(parent)
    , m_unpriced(new QLabel(this))
    , m_kpiPanel(new Panel(tr("Key figures"), this))
    , m_usersPanel(new Panel(tr("Top users"), this))
    , m_usersModel(new TopUsersModel(this))
    , m_usersProxy(new QSortFilterProxyModel(this))
    , m_usersView(new QTableView(this))
    , m_kpiJob(new LatestJob(this))
    , m_usersJob(new LatestJob(this))
    , m_requestsJob(new LatestJob(this))
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
    m_usersView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
        query.filter = m_filter;
        query.filter.user = index.data(TopUsersModel::UserIdRole).toString();
        emit drillDown(query);
    });
    connect(m_kpiJob, &LatestJob::busyChanged, m_kpiPanel, &Panel::setBusy);
    connect(m_usersJob, &LatestJob::busyChanged, m_usersPanel, &Panel::setBusy);
    connect(m_requestsJob, &LatestJob::busyChanged, m_requestsPanel, &Panel::setBusy);
    m_requestsChart->setObjectName(QStringLiteral("requestsChart"));
    m_requestsChart->setMinimumHeight(fontMetrics().height() * 14);
    m_requestsPanel->setContent(m_requestsChart);
    m_requestsChart->setTooltip([this](int, qreal x) {
        const QDateTime hour = QDateTime::fromMSecsSinceEpoch(qint64(x), Qt::UTC);
        for (const TimeChart::Series& s : m_requestsChart->series())
            for (const QPointF& p : s.points)
                if (p.x() == x)
                    return tr("%1 UTC: %2 requests")
                        .arg(hour.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                            QLocale().toString(qint64(p.y())));
        return QString();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_unpriced);
    layout->addWidget(m_kpiPanel);
    auto* lower = new QHBoxLayout;
    lower->addWidget(m_requestsPanel, 1);
    lower->addWidget(m_usersPanel, 1);
    layout->addLayout(lower, 1);
    clear();
}

QString OverviewPage::title() const
{
    return tr("Overview");
}

void OverviewPage::setStore(StorePtr store)
{
    m_store = std::move(store);
    clear();
    reload();
}

void OverviewPage::setFilter(const Filter& filter)
{
    m_filter = filter;
    reload();
}

bool OverviewPage::isBusy() const
{
    return m_kpiJob->isBusy() || m_usersJob->isBusy() || m_requestsJob->isBusy();
}

void OverviewPage::reload()
{
    if (!m_store || !m_filter.from.isValid()) {
        m_kpiJob->cancel();
        m_usersJob->cancel();
        m_requestsJob->cancel();
        return;
    }
    m_pending = 3;
    m_failed = false;
    const StorePtr store = m_store;
    const Filter filter = m_filter;
    m_kpiJob->start(
        [store, filter]() -> Result<QPair<Figures, Figures>> {
            const MetricsCollector metrics(store);
            RAGSCOPE_TRY(current, loadFigures(metrics, filter));
            RAGSCOPE_TRY(previous, loadFigures(metrics, filter.previous()));
            return qMakePair(current, previous);
        },
        [this](const Result<QPair<Figures, Figures>>& result) {
            if (result.ok())
                showFigures(result->first, result->second);
            else
                emit storeError(result.error());
            finishOne(result.ok());
        });
    m_usersJob->start([store, filter] { return MetricsCollector(store).userStats(filter, TopUsers); },
        [this](const Result<QList<UserStats>>& result) {
            if (result.ok()) {
                m_usersModel->setData(result.value());
                m_usersPanel->setMessage(result->isEmpty() ? tr("No requests in this window") : QString());
            } else {
                emit storeError(result.error());
            }
            finishOne(result.ok());
        });
    m_requestsJob->start([store, filter] { return AnomalyScanner(store).report(filter); },
        [this](const Result<AnomalyReport>& result) {
            if (result.ok())
                showRequests(result.value());
            else
                emit storeError(result.error());
            finishOne(result.ok());
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
        MetricsCollector::bucketFor(m_filter)); // hour labels up to 3 days, day labels beyond
    QList<TimeChart::Mark> marks;
    for (const Anomaly& a : report.anomalies)
        if (a.metric == Anomaly::Metric::Requests)
            marks << TimeChart::Mark { QPointF(ChartStyle::axisPosition(a.hour), a.value),
                tr("Anomaly (outside the expected range)\n%1").arg(a.describe()) };
    m_requestsChart->setMarks(marks);
    m_requestsPanel->setMessage(points.isEmpty() ? tr("No whole hour in this window") : QString());
}

void OverviewPage::finishOne(bool ok)
{
    m_failed = m_failed || !ok;
    if (--m_pending == 0 && !m_failed)
        emit loaded();
}

void OverviewPage::clear()
{
    for (KpiCard* card : std::as_const(m_cards))
        card->clear();
    m_unpriced->hide();
    m_usersModel->setData({});
    m_usersPanel->setMessage(m_store ? QString() : tr("No store is open"));
    m_requestsChart->setMarks({});
    m_requestsChart->setSeries({}, TimeBucket::Hour);
    m_requestsPanel->setMessage(m_store ? QString() : tr("No store is open"));
}

QString OverviewPage::comparedTo() const
{
    const double days = m_filter.days();
    if (days >= 2.0 && std::abs(days - std::round(days)) < 1e-9)
        return tr("vs previous %n days", nullptr, int(std::lround(days)));
    return tr("vs previous %n hours", nullptr, int(std::lround(days * 24.0)));
}

void OverviewPage::showFigures(const Figures& current, const Figures& previous)
{
    const QLocale locale;
    const QString versus = QLatin1Char(' ') + comparedTo();
    const auto set = [this, &versus](Card card, const QString& value, const QString& change) {
        m_cards.at(card)->setValue(value);
        m_cards.at(card)->setChange(change + versus);
    };
    const KpiTotals& now = current.kpis;
    const KpiTotals& before = previous.kpis;
    set(Requests, locale.toString(now.requests),
        relativeChange(double(now.requests), double(before.requests)));
    const auto cost
        = [&now](Money amount) { return CostDisplay::sum(amount, now.requests, now.unpricedRequests); };
    set(TotalCost, cost(now.totalCost),
        relativeChange(moneyValue(now.totalCost), moneyValue(before.totalCost)));
    set(MonthlyCost, cost(current.projection.monthly),
        relativeChange(moneyValue(current.projection.monthly), moneyValue(previous.projection.monthly)));
    set(AnnualCost, cost(current.projection.annual),
        relativeChange(moneyValue(current.projection.annual), moneyValue(previous.projection.annual)));
    set(AvgLatency, milliseconds(now.avgLatencyMs), relativeChange(now.avgLatencyMs, before.avgLatencyMs));
    set(P95Latency, milliseconds(current.p95LatencyMs),
        relativeChange(current.p95LatencyMs, previous.p95LatencyMs));
    set(AvgConfidence, now.avgConfidence ? locale.toString(*now.avgConfidence, 'f', 2) : tr("—"),
        absoluteChange(now.avgConfidence, before.avgConfidence, 1.0, QString()));
    const auto rate = current.ratings.feedbackRate();
    set(FeedbackRate, rate ? tr("%1%").arg(locale.toString(*rate * 100.0, 'f', 1)) : tr("—"),
        absoluteChange(rate, previous.ratings.feedbackRate(), 100.0, tr(" pp")));
    const auto rating = current.ratings.average;
    set(AvgRating, rating ? tr("%1 / 5").arg(locale.toString(*rating, 'f', 2)) : tr("—"),
        absoluteChange(rating, previous.ratings.average, 1.0, QString()));

    m_unpriced->setVisible(now.unpricedRequests > 0);
    m_unpriced->setText(tr("%1 requests of unknown models have no cost — see pricing.")
                            .arg(locale.toString(now.unpricedRequests)));
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    m_kpiPanel->setTitle(
        tr("Key figures, %1 – %2 UTC").arg(m_filter.from.toString(format), m_filter.to.toString(format)));
}

} // namespace RagScope
