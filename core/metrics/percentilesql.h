#pragma once

#include "metricstypes.h"
#include "store/sqldialect.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace RagScope {

/// A complete SQL statement with its bound values, in order.
struct BoundSql
{
    QString sql;
    QVariantList values;
};

/// The Percentiles::Levels of grouped values, equal to PostgreSQL's percentile_cont in both
/// dialects: percentile_cont itself on PostgreSQL (all levels of a column from one sort); on
/// SQLite its exact formula over one ranking per column: pos = p·(n−1), lo = floor(pos),
/// hi = ceil(pos), x[lo] + (x[hi] − x[lo])·(pos − lo).
///
/// `source` is a SELECT (its values in `sourceValues`) with the columns grp and x0 …
/// x<valueColumns − 1>; NULL values are left out. `aggregates` are plain aggregates over the
/// source's columns computed in the same statement. It yields one row per grp: grp, the
/// aggregates, then the levels of x0, of x1, … (NULL where a column has no value in the group).
BoundSql percentileSql(const SqlDialect& dialect, const QString& source, const QVariantList& sourceValues,
    int valueColumns, const QStringList& aggregates = {});

/// The level columns of a percentileSql() row, starting at `firstColumn`.
Percentiles percentilesAt(const QSqlQuery& query, int firstColumn);

} // namespace RagScope
