#include "percentilesql.h"

#include "sqlvalues.h"

#include <QStringList>

namespace RagScope {

BoundSql percentileSql(const SqlDialect& dialect, const QString& source, const QVariantList& sourceValues)
{
    BoundSql out { QString(), sourceValues };
    QStringList columns;
    if (dialect.isPostgres()) {
        for (double level : Percentiles::Levels) {
            columns << QStringLiteral(
                "percentile_cont(CAST(? AS double precision)) WITHIN GROUP (ORDER BY x)");
            out.values << level;
        }
        out.sql = QStringLiteral("WITH src AS (%1) SELECT grp, metric, %2 FROM src WHERE x IS NOT NULL"
                                 " GROUP BY grp, metric")
                      .arg(source, columns.join(QStringLiteral(", ")));
        return out;
    }

    // Every value is paired with every level; only the rows at lo and lo + 1 survive, so the
    // aggregate picks x[lo] and x[lo + 1] per (grp, metric, level). CAST to INTEGER floors the
    // non-negative pos; hi = ceil(pos) is lo + 1 exactly when pos has a fraction.
    QStringList levels;
    for (size_t k = 0; k < Percentiles::Levels.size(); ++k) {
        levels << QStringLiteral("SELECT %1 AS k, ? AS level").arg(k);
        out.values << Percentiles::Levels[k];
        columns << QStringLiteral("MAX(CASE WHEN k = %1 THEN value END)").arg(k);
    }
    out.sql
        = QStringLiteral(
            "WITH src AS (%1),"
            " ranked AS (SELECT grp, metric, x,"
            " ROW_NUMBER() OVER (PARTITION BY grp, metric ORDER BY x) - 1 AS rn,"
            " COUNT(*) OVER (PARTITION BY grp, metric) AS n FROM src WHERE x IS NOT NULL),"
            " levels AS (%2),"
            " targets AS (SELECT r.grp, r.metric, r.rn, r.x, l.k, l.level * (r.n - 1) AS pos,"
            " CAST(l.level * (r.n - 1) AS INTEGER) AS lo FROM ranked r CROSS JOIN levels l),"
            " picked AS (SELECT grp, metric, k, pos, lo, MAX(CASE WHEN rn = lo THEN x END) AS xlo,"
            " MAX(CASE WHEN rn = lo + 1 THEN x END) AS xhi FROM targets"
            " WHERE rn = lo OR rn = lo + 1 GROUP BY grp, metric, k, pos, lo),"
            " interpolated AS (SELECT grp, metric, k,"
            " CASE WHEN pos > lo THEN xlo + (xhi - xlo) * (pos - lo) ELSE xlo END AS value FROM picked)"
            " SELECT grp, metric, %3 FROM interpolated GROUP BY grp, metric")
              .arg(source, levels.join(QStringLiteral(" UNION ALL ")), columns.join(QStringLiteral(", ")));
    return out;
}

Percentiles percentilesAt(const QSqlQuery& query, int firstColumn)
{
    Percentiles p;
    for (size_t i = 0; i < p.values.size(); ++i)
        p.values[i] = sqlOptionalDouble(query.value(firstColumn + int(i)));
    return p;
}

} // namespace RagScope
