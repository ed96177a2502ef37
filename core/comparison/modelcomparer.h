#pragma once

#include "abcomparison.h"
#include "modelfigures.h"
#include "store/store.h"

namespace RagScope {

/// Computes the Models page and `ragscope-cli models`: per-model figures of a window (GROUP BY
/// model in SQL, percentiles equal to percentile_cont in both dialects) and A/B comparisons.
/// Reads the base tables only (see ModelComparison::fromRollups). Blocking: call it from a
/// worker thread.
class ModelComparer
{
public:
    explicit ModelComparer(StorePtr store);

    /// Every model of the window (the filter's user narrows it; its model is ignored).
    Result<ModelComparison> compare(const Filter& filter) const;
    /// Model `a` against model `b`, for the window and per UTC week.
    Result<AbComparison> compare(const Filter& filter, const QString& a, const QString& b) const;
    /// The same from a comparison already made (only the weeks are read from the store).
    Result<AbComparison> compare(const ModelComparison& window, const QString& a, const QString& b) const;

private:
    Result<QList<AbWeek>> weeks(const Filter& filter, const QString& a, const QString& b) const;
    Status addReviews(const Filter& filter, QList<ModelFigures>* models) const;

    StorePtr m_store;
};

} // namespace RagScope
