#pragma once

#include "metrics/metricstypes.h"
#include "metricspage.h"

#include <optional>

class QLabel;

namespace RagScope {

class BarChart;
class LatestJob;
class Panel;

/// Quality page: confidence and rating histograms (a click on a bar opens those interactions
/// on the Review page), average confidence per rating, reviewers' labels and how reviewers'
/// ratings agree with end users'.
class QualityPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit QualityPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

private:
    void showConfidence(const ConfidenceHistogram& histogram);
    void showRatings(const RatingSummary& ratings);
    void showConfidenceByRating(const ConfidenceByRating& byRating);
    void showReviews(const ReviewSummary& reviews);
    void clear(const QString& message) override;
    void confidenceClicked(int bucket);
    void ratingClicked(int index);

    ConfidenceHistogram m_confidence;
    RatingSummary m_ratings;
    ConfidenceByRating m_byRating;
    BarChart* m_confidenceChart;
    BarChart* m_ratingChart;
    BarChart* m_byRatingChart;
    BarChart* m_labelsChart;
    QLabel* m_reviewed;
    QLabel* m_compared;
    QLabel* m_agreeing;
    QLabel* m_meanDifference;
    QList<Panel*> m_panels; ///< confidence, ratings, by rating, labels, agreement
};

} // namespace RagScope
