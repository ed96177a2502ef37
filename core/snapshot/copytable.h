#pragma once

#include "metrics/filter.h"
#include "sqliteinserter.h"
#include "store/sqldialect.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <optional>

namespace RagScope {

/// One column of a table copy: what the source selects and how the text becomes a SQLite value.
struct CopyColumn
{
    QString target; ///< column of the snapshot's table
    QString source; ///< SQL expression on the source
    ColumnKind kind = ColumnKind::Text;
};

/// One table of a snapshot: `SELECT <columns> FROM <from> [WHERE <where>]` on the source,
/// rows appended to `table` of the snapshot. `where` holds `?` placeholders for `values`.
struct CopyTable
{
    QString table;
    QString from;
    QList<CopyColumn> columns;
    QString where;
    QVariantList values;

    QString selectSql(const QString& what) const;
    QString insertSql() const;
};

/// The monitoring tables of a snapshot of `window` (empty: the whole store): the interactions
/// created in the window plus those whose feedback was given in it, narrowed to one user or
/// model if the window says so, with all their feedback and (when `withReviews`) reviews.
/// `schema` prefixes the source's table names ("" or an attached SQLite database's "name.").
QList<CopyTable> monitoringTables(
    const SqlDialect& source, const std::optional<Filter>& window, bool withReviews, const QString& schema);

} // namespace RagScope
