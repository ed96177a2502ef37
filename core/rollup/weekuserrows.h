#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QStringList>

namespace RagScope {

/// Builds ragscope_rollup_week_user (migration 0008): per UTC week (from Monday) and user, the sums
/// of that week's day × user rows, so the top-users table and the user picker sum ~13 rows per
/// user for 90 days instead of ~90. Like DaySketches, nothing here reads the base tables.
class WeekUserRows
{
public:
    explicit WeekUserRows(const Store& store)
        : m_store(store)
    { }

    /// Replaces the week rows of the weeks holding `days` (sorted bucket texts of day rows just
    /// rebuilt) from their day rows.
    Status build(const QStringList& days) const;

private:
    const Store& m_store;
};

} // namespace RagScope
