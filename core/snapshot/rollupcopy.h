#pragma once

#include "tablesource.h"

#include <optional>

typedef struct sqlite3 sqlite3;

namespace RagScope {

/// RagScope's rollups (migration 0004) of a snapshot's window, copied so the offline
/// dashboard answers from them as the online one does. Generic: every rollup table the new
/// file has is copied by the columns it shares with the source (money and times converted
/// by type), limited to the whole buckets inside the window. A window of one user keeps
/// only the day × user grain, of one model the hour × model grain, of both none; the
/// fingerprints (rows with a grain and a bucket) only travel with a window of all users and
/// models. Each grain's horizon is capped at the window's last whole bucket; RollupCompletion
/// then rolls up the snapshot's rows around those buckets from the snapshot itself.
class RollupCopy
{
public:
    RollupCopy(TableSource& source, sqlite3* target, const SqlDialect& sourceDialect,
        const std::optional<Filter>& window)
        : m_source(source)
        , m_target(target)
        , m_d(sourceDialect)
        , m_window(window)
    { }

    /// What to copy (nothing when the source has no rollups).
    Result<QList<CopyTable>> tables();
    /// After the copy: caps the horizons; returns whether any grain's rollups came along.
    Result<bool> finish();

private:
    Result<QStringList> targetTables();
    Result<QStringList> targetColumns(const QString& table);
    std::optional<CopyColumn> mapColumn(const SourceColumn& column, const QStringList& targetColumns) const;
    bool grainCopied(const QString& grain) const;
    /// [start, end) of the whole buckets of a grain inside the window.
    std::pair<QDateTime, QDateTime> range(const QString& grain) const;

    TableSource& m_source;
    sqlite3* m_target;
    SqlDialect m_d;
    std::optional<Filter> m_window;
};

} // namespace RagScope
