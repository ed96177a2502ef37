#pragma once

#include "base/result.h"
#include "store/store.h"

namespace RagScope {

/// Builds ragscope_rollup_open_day_user (migration 0010): per user, the sums of the open day's
/// hour × user rows, so the top-users table and the user picker read one row per user for the
/// open day instead of one per hour and user. Like WeekUserRows, nothing here reads the base
/// tables.
class OpenDayUserRows
{
public:
    static constexpr auto Table = "ragscope_rollup_open_day_user";

    explicit OpenDayUserRows(const Store& store)
        : m_store(store)
    { }

    /// Whether the store keeps them (migration 0010).
    bool kept() const { return m_store.schemaVersion() >= 10; }
    /// Replaces every row from the hour × user rows as they are now.
    Status build() const;

private:
    const Store& m_store;
};

} // namespace RagScope
