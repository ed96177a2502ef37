#pragma once

#include "metricstypes.h"
#include "store/sqldialect.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace RagScope {

/// A complete SQL statement with its bound values, in order.
struct BoundSql
{
    QString sql;
    QVariantList values;
};

/// The Percentiles::Levels of grouped values, equal to PostgreSQL's percentile_cont in both
/// dialects: percentile_cont itself on PostgreSQL; on SQLite its exact formula over window
/// functions: pos = p·(n−1), lo = floor(pos), hi = ceil(pos), x[lo] + (x[hi] − x[lo])·(pos − lo).
///
/// `source` is a SELECT with the columns grp, metric and x (its values in `sourceValues`);
/// NULL x are left out. The statement yields one row per (grp, metric) that has a value:
/// grp, metric, then one column per level.
BoundSql percentileSql(const SqlDialect& dialect, const QString& source, const QVariantList& sourceValues);

/// The level columns of a percentileSql() row, starting at `firstColumn`.
Percentiles percentilesAt(const QSqlQuery& query, int firstColumn);

} // namespace RagScope
