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

/// One table of a snapshot: `SELECT <columns> FROM <from> [WHERE <where>] [ORDER BY <orderBy>]`
/// on the source, rows appended to `table` of the snapshot. `where` holds `?` placeholders for
/// `values`.
struct CopyTable
{
    QString table;
    QString from;
    QList<CopyColumn> columns;
    QString where;
    QVariantList values;
    /// The order rows arrive in; empty: any (see monitoringTables()).
    QString orderBy;

    /// `SELECT what …` without the order (for counts).
    QString selectSql(const QString& what) const;
    /// `SELECT <columns> …` in `orderBy`, with `where` in place of the table's own.
    QString copySql(const QString& where) const;
    QString insertSql() const;
};

/// The monitoring tables of a snapshot of `window` (empty: the whole store): the interactions
/// created in the window plus those whose feedback was given in it, narrowed to one user or
/// model if the window says so, with all their feedback and (when `withReviews`) reviews —
/// with their queue, kind, undone review and seconds spent when `withReviewKinds` (schema 6).
/// `schema` prefixes the source's table names ("" or an attached SQLite database's "name.").
/// Interactions come in the order of the snapshot's text primary key, children in the order
/// of their interaction, so that SQLite appends to the big indexes instead of inserting at
/// random places (several times faster once an index outgrows the page cache).
QList<CopyTable> monitoringTables(const SqlDialect& source, const std::optional<Filter>& window,
    bool withReviews, bool withReviewKinds, const QString& schema);

} // namespace RagScope
