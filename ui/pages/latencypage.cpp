#include "latencypage.h"
#include "i18n/localetime.h"

#include "charts/chartgroup.h"
#include "charts/exportpanels.h"
#include "charts/timechart.h"
#include "export/metricscsv.h"
#include "feedback/drilldownquery.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "models/latencypercentilesmodel.h"
#include "widgets/panel.h"

#include <QAction>
#include <QGridLayout>

namespace RagScope {

namespace {

QString ms(const std::optional<double>& value)
{
    return value ? LatencyPage::tr("%1 ms").arg(QLocale().toString(*value, 'f', 1)) : LatencyPage::tr("—");
}

} // namespace

LatencyPage::LatencyPage(QWidget* parent)
    : MetricsPage(parent)
    , m_pointsJob(addJob())
    , m_percentilesJob(addJob())
    , m_exactJob(new LatestJob(this)) // on demand: not one of the loads that make up loaded()
    , m_exactAction(new QAction(tr("Exact percentiles"), this))
    , m_percentilesModel(new LatencyPercentilesModel(this))
    , m_percentileChart(new TimeChart(
          TimeChart::Mode::Lines, tr("Total latency (ms)"), ChartStyle::ValueKind::Milliseconds))
    , m_breakdownChart(
          new TimeChart(TimeChart::Mode::Lines, tr("Average (ms)"), ChartStyle::ValueKind::Milliseconds))
{
    m_percentileChart->setObjectName(QStringLiteral("percentileChart"));
    m_breakdownChart->setObjectName(QStringLiteral("breakdownChart"));
    m_percentileChart->setTooltip([this](int, qreal x) { return pointTooltip(x); });
    m_breakdownChart->setTooltip([this](int, qreal x) { return pointTooltip(x); });
    auto* timeCharts = new ChartGroup(this); // one date at one x in both charts
    timeCharts->add(m_percentileChart);
    timeCharts->add(m_breakdownChart);
    // A click on a bucket lists its interactions, slowest first.
    for (TimeChart* chart : { m_percentileChart, m_breakdownChart })
        connect(chart, &TimeChart::bucketClicked, this, [this](const TimeChart::Hit& hit) {
            emit drillDown(bucketDrillDown(filter(), hit.start, hit.end, ReviewQueueQuery::SortKey::Latency));
        });

    m_percentilePanel = ExportPanels::chartPanel(tr("Latency percentiles over time"), m_percentileChart,
        QStringLiteral("latency-percentiles.png"), this);
    m_breakdownPanel = ExportPanels::chartPanel(tr("Retrieval vs generation (average per bucket)"),
        m_breakdownChart, QStringLiteral("latency-breakdown.png"), this);
    m_tablePanel = ExportPanels::tablePanel(
        tr("Percentiles in this window"), m_percentilesModel, LatencyPercentilesModel::MillisecondsRole,
        QStringLiteral("latency-percentiles.csv"),
        [this] { return MetricsCsv::latencyPercentiles(m_percentilesModel->percentiles()); }, this);
    m_tablePanel->setObjectName(QStringLiteral("percentilesTable"));
    // Rollup sketches answer within 1%; percentile_cont over every row of a big window takes
    // seconds, so it runs only when asked and the figures swap when it is done.
    m_exactAction->setObjectName(QStringLiteral("exactPercentiles"));
    m_exactAction->setToolTip(
        tr("Compute the percentiles over every row of the window (slow on big stores)"));
    m_exactAction->setEnabled(false);
    connect(m_exactAction, &QAction::triggered, this, &LatencyPage::loadExactPercentiles);
    m_tablePanel->addHeaderAction(m_exactAction);

    auto* grid = new QGridLayout(this);
    grid->addWidget(m_percentilePanel, 0, 0, 1, 2);
    grid->addWidget(m_breakdownPanel, 1, 0);
    grid->addWidget(m_tablePanel, 1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    connect(m_pointsJob, &LatestJob::busyChanged, m_percentilePanel, &Panel::setBusy);
    connect(m_pointsJob, &LatestJob::busyChanged, m_breakdownPanel, &Panel::setBusy);
    connect(m_percentilesJob, &LatestJob::busyChanged, m_tablePanel, &Panel::setBusy);
    clear(tr("No store open"));
}

QString LatencyPage::title() const
{
    return tr("Latency");
}

void LatencyPage::reload()
{
    if (!beginLoad())
        return;
    const MetricsCollector metrics = this->metrics();
    const Filter filter = this->filter();
    const TimeBucket bucket = MetricsCollector::bucketFor(filter);
    m_pointsJob->start([metrics, filter, bucket] { return metrics.latencyOverTime(filter, bucket); },
        [this, bucket](const Result<QList<LatencyPoint>>& result) {
            if (result.ok())
                showPoints(result.value(), bucket);
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
    m_exactJob->cancel();
    m_percentilesJob->start(
        [metrics, filter]() -> Result<QPair<LatencyPercentiles, bool>> {
            RAGSCOPE_TRY(fromRollups, metrics.usesRollups(filter));
            RAGSCOPE_TRY(percentiles, metrics.latencyPercentiles(filter));
            return qMakePair(percentiles, fromRollups);
        },
        [this](const Result<QPair<LatencyPercentiles, bool>>& result) {
            if (result.ok())
                showPercentiles(result->first, result->second);
            finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
        });
}

void LatencyPage::loadExactPercentiles()
{
    const StorePtr store = this->store();
    const Filter filter = this->filter();
    if (!store)
        return;
    m_exactAction->setEnabled(false);
    m_exactJob->start([store, filter] { return MetricsCollector(store).latencyPercentiles(filter); },
        [this](const Result<LatencyPercentiles>& result) {
            if (result.ok())
                showPercentiles(result.value(), false);
            else
                emit storeError(result.error());
        });
}

void LatencyPage::clear(const QString& message)
{
    showPoints({}, TimeBucket::Day);
    m_percentilesModel->setData({});
    m_exactAction->setEnabled(false);
    for (Panel* panel : { m_percentilePanel, m_breakdownPanel, m_tablePanel })
        panel->setMessage(message);
}

void LatencyPage::showPoints(const QList<LatencyPoint>& points, TimeBucket bucket)
{
    m_points = points;
    m_bucket = bucket;
    const QString message = points.isEmpty() ? tr("No interactions in this window") : QString();
    m_percentilePanel->setMessage(message);
    m_breakdownPanel->setMessage(message);

    QList<TimeChart::Series> percentiles;
    for (double level : Percentiles::Levels)
        percentiles.append({ tr("p%1").arg(qRound(level * 100)), {} });
    TimeChart::Series retrieval { tr("Retrieval"), {} };
    TimeChart::Series generation { tr("Generation"), {} };
    for (const LatencyPoint& point : points) {
        const qreal x = ChartStyle::axisPosition(point.start);
        for (size_t k = 0; k < Percentiles::Levels.size(); ++k) {
            if (point.total.values[k])
                percentiles[qsizetype(k)].points.append(QPointF(x, *point.total.values[k]));
        }
        if (point.avgRetrievalMs)
            retrieval.points.append(QPointF(x, *point.avgRetrievalMs));
        if (point.avgGenerationMs)
            generation.points.append(QPointF(x, *point.avgGenerationMs));
    }
    m_percentileChart->setSeries(
        points.isEmpty() ? QList<TimeChart::Series>() : percentiles, bucket, { filter().from, filter().to });
    m_breakdownChart->setSeries(
        points.isEmpty() ? QList<TimeChart::Series>() : QList<TimeChart::Series> { retrieval, generation },
        bucket, { filter().from, filter().to });
}

void LatencyPage::showPercentiles(const LatencyPercentiles& percentiles, bool approximate)
{
    m_percentilesModel->setData(percentiles);
    m_tablePanel->setTitle(approximate ? tr("Percentiles in this window (from rollups, within 1%)")
                                       : tr("Percentiles in this window (exact)"));
    m_exactAction->setEnabled(approximate);
    m_tablePanel->setMessage(percentiles.total.p50() ? QString() : tr("No interactions in this window"));
}

QString LatencyPage::pointTooltip(qreal x) const
{
    for (const LatencyPoint& point : m_points) {
        if (ChartStyle::axisPosition(point.start) != x)
            continue;
        const QString when = m_bucket == TimeBucket::Hour ? LocaleTime::dateTime(point.start)
                                                          : LocaleTime::date(point.start.toUTC().date());
        QStringList lines { tr("%1 UTC — requests: %2").arg(when, QLocale().toString(point.requests)) };
        for (size_t k = 0; k < Percentiles::Levels.size(); ++k)
            lines << tr("p%1: %2").arg(qRound(Percentiles::Levels[k] * 100)).arg(ms(point.total.values[k]));
        lines << tr("Retrieval (avg): %1").arg(ms(point.avgRetrievalMs));
        lines << tr("Generation (avg): %1").arg(ms(point.avgGenerationMs));
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

} // namespace RagScope
