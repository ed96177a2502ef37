#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QStringList>

namespace RagScope {

/// Builds the day × model rollups (migration 0009): per closed UTC day and model, the sums of that
/// day's hour × model rows, feedback counts per rating and interactions per rating, so the middle
/// of a long window reads ~3 rows per day instead of ~72 per day. Like DaySketches, nothing here
/// reads the base tables.
class DayModelRows
{
public:
    explicit DayModelRows(const Store& store)
        : m_store(store)
    { }

    /// Replaces the rows of `days` (sorted bucket texts of whole days) from their hour rows.
    Status build(const QStringList& days) const;

private:
    const Store& m_store;
};

} // namespace RagScope
