#pragma once

#include "comparisonstats.h"
#include "modelfigures.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace RagScope {

/// The tests of A against B on two samples of ratings. Below MinSamplePerModel ratings on a
/// side `enoughData` is false and only the plain figures are meaningful.
struct AbTests
{
    ComparisonStats::RatingCounts a {};
    ComparisonStats::RatingCounts b {};
    bool enoughData = false;
    std::optional<ComparisonStats::Difference> meanRating; ///< Welch: mean A − mean B
    std::optional<ComparisonStats::MannWhitney> ratings; ///< Mann-Whitney U of A vs B
    std::optional<ComparisonStats::Difference> lowRatedRate; ///< low-rated share A − B, z-test

    static AbTests of(const ComparisonStats::RatingCounts& a, const ComparisonStats::RatingCounts& b);
};

/// One UTC week (Monday to Sunday) of an A/B comparison.
struct AbWeek
{
    QDate monday;
    qint64 requestsA = 0;
    qint64 requestsB = 0;
    AbTests tests;
};

/// Model A against model B in a window, and week by week.
struct AbComparison
{
    QString a;
    QString b;
    ModelFigures figuresA; ///< empty figures when a model has no interactions in the window
    ModelFigures figuresB;
    AbTests window;
    QList<AbWeek> weeks; ///< weeks with interactions of A or B, oldest first
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::AbComparison)
