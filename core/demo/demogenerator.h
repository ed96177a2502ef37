#pragma once

#include "base/result.h"
#include "money/pricetable.h"
#include "store/store.h"

#include <QDateTime>

#include <functional>

namespace RagScope {

/// How a demo store is made. Same options (seed and end included) → same rows.
struct DemoOptions
{
    int rows = 20000;
    quint64 seed = 42;
    int days = 90;
    QDateTime end; ///< invalid: now, cut to the hour (UTC), so "last 24 h" has data
    double feedbackShare = 0.2; ///< about this share of interactions get end-user feedback
    PriceTable prices = PriceTable::builtIn(); ///< what the rows cost (unknown models: no cost)
};

struct DemoSummary
{
    qint64 interactions = 0;
    qint64 feedbacks = 0;
    qint64 reviews = 0;
    QDateTime from;
    QDateTime to;
};

/// Fills a store with realistic, deterministic demo data: several models (one the price table
/// does not know), users with a skewed (Zipf-like) distribution, daily and weekly rhythm,
/// latency with a long tail, confidence that correlates with ratings, ~20% feedback, and
/// reviewers' verdicts on some recent bad answers.
class DemoGenerator
{
public:
    /// `progress(done, total)` may return false to cancel (rows written so far stay).
    static Result<DemoSummary> generate(const StorePtr& store, const DemoOptions& options,
        const std::function<bool(qint64, qint64)>& progress = {});
    /// Creates (or replaces) a SQLite demo store at `path` and fills it; a failed or cancelled
    /// run leaves nothing behind.
    static Result<DemoSummary> createSqlite(const QString& path, const DemoOptions& options,
        const std::function<bool(qint64, qint64)>& progress = {});
};

} // namespace RagScope
