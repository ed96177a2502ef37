#pragma once

#include "copytable.h"

#include <functional>

namespace RagScope {

/// A column of a source table and its type as the source names it.
struct SourceColumn
{
    QString name;
    QString type;
};

/// Where a snapshot's rows come from: a PostgreSQL store (COPY) or a SQLite one (attached).
class TableSource
{
public:
    virtual ~TableSource() = default;
    /// Rows `table` selects, for progress totals.
    virtual Result<qint64> count(const CopyTable& table) = 0;
    /// Streams the rows of `table` into `into` (prepared with table.insertSql()); `afterRow`
    /// runs after each row and cancels the copy by returning false.
    virtual Result<qint64> copy(
        const CopyTable& table, SqliteInserter& into, const std::function<Status()>& afterRow)
        = 0;
    /// The columns of a source table; empty when it does not exist or cannot be read.
    virtual Result<QList<SourceColumn>> columnsOf(const QString& table) = 0;
    /// Prefix of the source's table names in CopyTable::from ("" or "schema.").
    virtual QString schema() const = 0;
};

} // namespace RagScope
