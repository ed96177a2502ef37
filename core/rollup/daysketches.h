#pragma once

#include "base/result.h"
#include "store/store.h"

namespace RagScope {

/// Builds ragscope_rollup_day_model_sketch (migration 0005): per closed UTC day and model, the
/// merge of that day's hour × model latency sketches. A 90-day window then merges ~270 sketches
/// instead of ~6,500, and nothing here reads the base table.
class DaySketches
{
public:
    explicit DaySketches(const Store& store)
        : m_store(store)
    { }

    /// Replaces the day rows in [from, to) (bucket texts of whole days).
    Status build(const QString& from, const QString& to) const;

private:
    const Store& m_store;
};

} // namespace RagScope
