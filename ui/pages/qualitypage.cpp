#include "qualitypage.h"

#include "charts/barchart.h"
#include "charts/exportpanels.h"
#include "export/metricscsv.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "widgets/panel.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>

namespace RagScope {

namespace {

enum PanelIndex { ConfidencePanel, RatingPanel, ByRatingPanel, LabelsPanel, AgreementPanel };

QStringList confidenceCategories()
{
    QStringList categories;
    for (int b = 0; b < 10; ++b)
        categories << QStringLiteral("%1–%2").arg(b / 10.0, 0, 'f', 1).arg((b + 1) / 10.0, 0, 'f', 1);
    categories << QualityPage::tr("none");
    return categories;
}

const QStringList RatingCategories { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
    QStringLiteral("4"), QStringLiteral("5") };

QString percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? QLocale().toString(100.0 * double(part) / double(whole), 'f', 1) + QLatin1Char('%')
                     : QString();
}

QLabel* valueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return label;
}

} // namespace

QualityPage::QualityPage(QWidget* parent)
    : MetricsPage(parent)
    , m_confidenceChart(new BarChart(
          Qt::Vertical, tr("Confidence score"), tr("Interactions"), ChartStyle::ValueKind::Count))
    , m_ratingChart(
          new BarChart(Qt::Vertical, tr("User rating"), tr("Ratings"), ChartStyle::ValueKind::Count))
    , m_byRatingChart(new BarChart(
          Qt::Vertical, tr("User rating"), tr("Average confidence"), ChartStyle::ValueKind::Fraction))
    , m_labelsChart(new BarChart(Qt::Horizontal, tr("Label"), tr("Reviews"), ChartStyle::ValueKind::Count))
    , m_reviewed(valueLabel(this))
    , m_compared(valueLabel(this))
    , m_agreeing(valueLabel(this))
    , m_meanDifference(valueLabel(this))
{
    for (int panel = 0; panel < 4; ++panel) // one job per loaded panel (the agreement shares the labels')
        addJob();
    m_confidenceChart->setObjectName(QStringLiteral("confidenceChart"));
    m_ratingChart->setObjectName(QStringLiteral("ratingChart"));
    m_byRatingChart->setObjectName(QStringLiteral("confidenceByRatingChart"));
    m_labelsChart->setObjectName(QStringLiteral("labelsChart"));
    m_confidenceChart->setToolTip(tr("Click a bar to review these interactions"));
    m_ratingChart->setToolTip(tr("Click a bar to review these interactions"));
    m_byRatingChart->setToolTip(tr("Click a bar to review these interactions"));
    m_labelsChart->setToolTip(tr("Click a bar to review these interactions"));

    m_panels = {
        ExportPanels::chartPanel(
            tr("Confidence scores"), m_confidenceChart, QStringLiteral("confidence.png"), this),
        ExportPanels::chartPanel(tr("User ratings"), m_ratingChart, QStringLiteral("ratings.png"), this),
        ExportPanels::chartPanel(tr("Average confidence per rating"), m_byRatingChart,
            QStringLiteral("confidence-by-rating.png"), this),
        ExportPanels::chartPanel(
            tr("Reviewers' labels"), m_labelsChart, QStringLiteral("review-labels.png"), this),
        new Panel(tr("Reviewer vs user agreement"), this),
    };
    auto* agreement = new QWidget;
    auto* form = new QFormLayout(agreement);
    form->addRow(tr("Reviewed interactions"), m_reviewed);
    form->addRow(tr("Also rated by the user"), m_compared);
    form->addRow(tr("Agreeing (ratings differ by ≤ 1)"), m_agreeing);
    form->addRow(tr("Mean absolute difference"), m_meanDifference);
    m_panels[AgreementPanel]->setContent(agreement);
    ExportPanels::addCsvAction(
        m_panels[ConfidencePanel], [this] { return MetricsCsv::confidenceBuckets(m_confidence); },
        QStringLiteral("confidence.csv"));
    ExportPanels::addCsvAction(
        m_panels[RatingPanel], [this] { return MetricsCsv::ratings(m_ratings); },
        QStringLiteral("ratings.csv"));
    m_agreeing->setObjectName(QStringLiteral("agreeing"));
    m_meanDifference->setObjectName(QStringLiteral("meanDifference"));

    auto* grid = new QGridLayout(this);
    grid->addWidget(m_panels[ConfidencePanel], 0, 0, 1, 2);
    grid->addWidget(m_panels[RatingPanel], 0, 2);
    grid->addWidget(m_panels[ByRatingPanel], 1, 0);
    grid->addWidget(m_panels[LabelsPanel], 1, 1);
    grid->addWidget(m_panels[AgreementPanel], 1, 2);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);

    // Panel i is fed by job i; the review summary feeds labels and agreement.
    for (int i = 0; i < 4; ++i)
        connect(jobs()[i], &LatestJob::busyChanged, m_panels[i], &Panel::setBusy);
    connect(jobs()[LabelsPanel], &LatestJob::busyChanged, m_panels[AgreementPanel], &Panel::setBusy);
    connect(m_confidenceChart, &BarChart::barClicked, this, &QualityPage::confidenceClicked);
    connect(m_ratingChart, &BarChart::barClicked, this, &QualityPage::ratingClicked);
    connect(m_labelsChart, &BarChart::barClicked, this, [this](int index) {
        const QStringList labels = m_labelsChart->categories();
        if (index < 0 || index >= labels.size())
            return;
        ReviewQueueQuery query;
        query.filter = filter();
        query.kind = ReviewQueueQuery::Kind::All;
        query.label = labels[index];
        emit drillDown(query);
    });
    // This chart counts interactions created in the window by their user rating.
    connect(m_byRatingChart, &BarChart::barClicked, this, [this](int index) {
        ReviewQueueQuery query;
        query.filter = filter();
        query.kind = ReviewQueueQuery::Kind::All;
        query.userRating = index + 1;
        emit drillDown(query);
    });
    m_confidenceChart->setTooltip([this](int b) {
        const qint64 count = b < 10 ? m_confidence.buckets[size_t(b)] : m_confidence.unknown;
        qint64 total = m_confidence.unknown;
        for (qint64 c : m_confidence.buckets)
            total += c;
        const QString text
            = tr("%1: interactions: %2 (%3)")
                  .arg(confidenceCategories().at(b), QLocale().toString(count), percentOf(count, total));
        return QString(text + QLatin1Char('\n') + tr("Click to review them"));
    });
    m_ratingChart->setTooltip([this](int r) {
        const qint64 count = m_ratings.counts[size_t(r)];
        return tr("Rating %1: given %2 times (%3)\nClick to review them")
            .arg(QString::number(r + 1), QLocale().toString(count), percentOf(count, m_ratings.total()));
    });
    m_byRatingChart->setTooltip([this](int r) {
        const auto avg = m_byRating.avgConfidence[size_t(r)];
        return tr("Rating %1: average confidence %2 (interactions: %3)\nClick to review them")
            .arg(QString::number(r + 1), avg ? QLocale().toString(*avg, 'f', 3) : tr("—"),
                QLocale().toString(m_byRating.counts[size_t(r)]));
    });
    clear(tr("No store open"));
}

QString QualityPage::title() const
{
    return tr("Quality");
}

void QualityPage::reload()
{
    if (!beginLoad())
        return;
    const MetricsCollector metrics = this->metrics();
    const Filter filter = this->filter();
    // One LatestJob per panel; each result is shown, or reported while the old data stays.
    auto load = [this, metrics, filter](int panel, auto query, auto show) {
        jobs()[panel]->start([metrics, filter, query] { return (metrics.*query)(filter); },
            [this, show](const auto& result) {
                if (result.ok())
                    (this->*show)(result.value());
                finishPanel(result.ok() ? std::nullopt : std::optional(result.error()));
            });
    };
    load(ConfidencePanel, &MetricsCollector::confidenceHistogram, &QualityPage::showConfidence);
    load(RatingPanel, &MetricsCollector::ratings, &QualityPage::showRatings);
    load(ByRatingPanel, &MetricsCollector::confidenceByRating, &QualityPage::showConfidenceByRating);
    load(LabelsPanel, &MetricsCollector::reviewSummary, &QualityPage::showReviews);
}

void QualityPage::clear(const QString& message)
{
    showConfidence({});
    showRatings({});
    showConfidenceByRating({});
    showReviews({});
    for (Panel* panel : std::as_const(m_panels))
        panel->setMessage(message);
}

void QualityPage::showConfidence(const ConfidenceHistogram& histogram)
{
    m_confidence = histogram;
    QList<qreal> values;
    qint64 total = histogram.unknown;
    for (qint64 count : histogram.buckets) {
        values.append(qreal(count));
        total += count;
    }
    values.append(qreal(histogram.unknown));
    m_confidenceChart->setData(tr("Interactions"), confidenceCategories(), values);
    m_panels[ConfidencePanel]->setMessage(total == 0 ? tr("No interactions in this window") : QString());
}

void QualityPage::showRatings(const RatingSummary& ratings)
{
    m_ratings = ratings;
    QList<qreal> values;
    for (qint64 count : ratings.counts)
        values.append(qreal(count));
    m_ratingChart->setData(tr("Ratings"), RatingCategories, values);
    const QLocale locale;
    m_ratingChart->chart()->setTitle(ratings.average
            ? tr("Mean %1 (n = %2)")
                  .arg(locale.toString(*ratings.average, 'f', 2), locale.toString(ratings.total()))
            : QString());
    m_panels[RatingPanel]->setTitle(ratings.feedbackRate()
            ? tr("User ratings — feedback rate %1")
                  .arg(percentOf(ratings.interactionsWithFeedback, ratings.interactions))
            : tr("User ratings"));
    QString message;
    if (ratings.interactions == 0)
        message = tr("No interactions in this window");
    else if (ratings.total() == 0)
        message = tr("No ratings in this window");
    m_panels[RatingPanel]->setMessage(message);
}

void QualityPage::showConfidenceByRating(const ConfidenceByRating& byRating)
{
    m_byRating = byRating;
    QList<qreal> values;
    bool any = false;
    for (const auto& avg : byRating.avgConfidence) {
        values.append(avg.value_or(0.0));
        any = any || avg.has_value();
    }
    m_byRatingChart->setData(tr("Average confidence"), RatingCategories, values);
    m_panels[ByRatingPanel]->setMessage(
        any ? QString() : tr("No rated interactions with a confidence score in this window"));
}

void QualityPage::showReviews(const ReviewSummary& reviews)
{
    QStringList labels;
    QList<qreal> counts;
    // Horizontal bars grow upwards: reverse so that the most frequent label is on top.
    for (auto it = reviews.labels.crbegin(); it != reviews.labels.crend(); ++it) {
        labels << (it->first.isEmpty() ? tr("(no label)") : it->first);
        counts << qreal(it->second);
    }
    m_labelsChart->setData(tr("Reviews"), labels, counts);
    m_panels[LabelsPanel]->setMessage(labels.isEmpty() ? tr("No reviews in this window") : QString());

    const QLocale locale;
    m_reviewed->setText(locale.toString(reviews.reviewed));
    m_compared->setText(locale.toString(reviews.compared));
    m_agreeing->setText(reviews.compared > 0 ? tr("%1 (%2)").arg(
                            locale.toString(reviews.agreeing), percentOf(reviews.agreeing, reviews.compared))
                                             : tr("—"));
    m_meanDifference->setText(
        reviews.meanAbsoluteDifference ? locale.toString(*reviews.meanAbsoluteDifference, 'f', 2) : tr("—"));
    m_panels[AgreementPanel]->setMessage(reviews.reviewed == 0 ? tr("No reviews in this window") : QString());
}

void QualityPage::confidenceClicked(int bucket)
{
    ReviewQueueQuery query; // bucket 10 is the "none" bar: ReviewQueueQuery::NoScoreBucket
    query.filter = filter();
    query.kind = ReviewQueueQuery::Kind::All; // the bucket alone: as many rows as the bar counts
    query.confidenceBucket = bucket;
    emit drillDown(query);
}

void QualityPage::ratingClicked(int index)
{
    const int rating = index + 1;
    ReviewQueueQuery query;
    query.filter = filter();
    query.kind = ReviewQueueQuery::Kind::All; // the rating alone: as many rows as the bar counts
    query.userRating = rating;
    // The bar counts feedback given in the window (contract §3), so list exactly those.
    query.windowOn = ReviewQueueQuery::WindowOn::Feedback;
    emit drillDown(query);
}

} // namespace RagScope
