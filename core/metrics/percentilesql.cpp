#include "percentilesql.h"

#include "sqlvalues.h"

namespace RagScope {

namespace {

constexpr int LevelCount = int(Percentiles::Levels.size());

QString aggregateColumns(const QStringList& aggregates, const QString& prefix)
{
    QString out;
    for (const QString& aggregate : aggregates)
        out += QStringLiteral(", ") + prefix + aggregate;
    return out;
}

/// "aggregate AS a<n>" for each aggregate.
QStringList named(const QStringList& aggregates)
{
    QStringList out;
    for (qsizetype a = 0; a < aggregates.size(); ++a)
        out << QStringLiteral("%1 AS a%2").arg(aggregates[a]).arg(a);
    return out;
}

QStringList aliases(qsizetype count)
{
    QStringList out;
    for (qsizetype a = 0; a < count; ++a)
        out << QStringLiteral("a%1").arg(a);
    return out;
}

BoundSql postgresPercentiles(
    const QString& source, const QVariantList& sourceValues, int valueColumns, const QStringList& aggregates)
{
    // percentile_cont(float8[]) sorts a column once for all levels; the array's elements come
    // back as separate float8 columns. Levels travel as exact round-trip text.
    QStringList levels;
    for (double level : Percentiles::Levels)
        levels << QString::number(level, 'g', 17);
    const QString levelArray = QLatin1Char('{') + levels.join(QLatin1Char(',')) + QLatin1Char('}');
    BoundSql out;
    QStringList inner;
    QStringList outer;
    for (int c = 0; c < valueColumns; ++c) {
        inner << QStringLiteral(
            "percentile_cont(CAST(? AS double precision[])) WITHIN GROUP (ORDER BY x%1) AS p%1")
                     .arg(c);
        out.values << levelArray;
        for (int k = 1; k <= LevelCount; ++k)
            outer << QStringLiteral("p%1[%2]").arg(c).arg(k);
    }
    out.values += sourceValues; // the source comes after the level arrays in the text
    out.sql
        = QStringLiteral("SELECT grp%1, %2 FROM (SELECT grp%3, %4 FROM (%5) src GROUP BY grp) p")
              .arg(aggregateColumns(aliases(aggregates.size()), QString()), outer.join(QStringLiteral(", ")),
                  aggregateColumns(named(aggregates), QString()), inner.join(QStringLiteral(", ")), source);
    return out;
}

BoundSql sqlitePercentiles(
    const QString& source, const QVariantList& sourceValues, int valueColumns, const QStringList& aggregates)
{
    // Per column: rank its values once (rn from 0, m = n − 1), keep x[lo] and x[lo + 1] of every
    // level in one grouped pass, then interpolate. CAST to INTEGER floors the non-negative pos;
    // hi = ceil(pos) is lo + 1 exactly when pos has a fraction.
    BoundSql out { QString(), sourceValues };
    QStringList levelColumns;
    for (int k = 0; k < LevelCount; ++k) {
        levelColumns << QStringLiteral("? AS l%1").arg(k);
        out.values << Percentiles::Levels[size_t(k)];
    }
    QStringList ctes { QStringLiteral("src AS (%1)").arg(source),
        QStringLiteral("lv AS (SELECT %1)").arg(levelColumns.join(QStringLiteral(", "))) };
    QStringList columns;
    QString joins;
    for (int c = 0; c < valueColumns; ++c) {
        QStringList ends;
        for (int k = 0; k < LevelCount; ++k) {
            ends << QStringLiteral(
                "MAX(CASE WHEN r.rn = CAST(lv.l%1 * r.m AS INTEGER) THEN r.x END) AS a%1,"
                " MAX(CASE WHEN r.rn = CAST(lv.l%1 * r.m AS INTEGER) + 1 THEN r.x END) AS b%1")
                        .arg(k);
            columns << QStringLiteral(
                "CASE WHEN lv.l%2 * c%1.m > CAST(lv.l%2 * c%1.m AS INTEGER)"
                " THEN c%1.a%2 + (c%1.b%2 - c%1.a%2) * (lv.l%2 * c%1.m - CAST(lv.l%2 * c%1.m AS INTEGER))"
                " ELSE c%1.a%2 END")
                           .arg(c)
                           .arg(k);
        }
        ctes << QStringLiteral(
            "r%1 AS (SELECT grp, x%1 AS x, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY x%1) - 1 AS rn,"
            " COUNT(*) OVER (PARTITION BY grp) - 1 AS m FROM src WHERE x%1 IS NOT NULL)")
                    .arg(c);
        ctes << QStringLiteral("c%1 AS (SELECT r.grp, r.m, %2 FROM r%1 r CROSS JOIN lv GROUP BY r.grp, r.m)")
                    .arg(QString::number(c), ends.join(QStringLiteral(", ")));
        joins += QStringLiteral(" LEFT JOIN c%1 ON c%1.grp = g.grp").arg(c);
    }
    ctes << QStringLiteral("g AS (SELECT grp%1 FROM src GROUP BY grp)")
                .arg(aggregateColumns(named(aggregates), QString()));
    out.sql = QStringLiteral("WITH %1 SELECT g.grp%2, %3 FROM g CROSS JOIN lv%4")
                  .arg(ctes.join(QStringLiteral(", ")),
                      aggregateColumns(aliases(aggregates.size()), QStringLiteral("g.")),
                      columns.join(QStringLiteral(", ")), joins);
    return out;
}

} // namespace

BoundSql percentileSql(const SqlDialect& dialect, const QString& source, const QVariantList& sourceValues,
    int valueColumns, const QStringList& aggregates)
{
    if (dialect.isPostgres())
        return postgresPercentiles(source, sourceValues, valueColumns, aggregates);
    return sqlitePercentiles(source, sourceValues, valueColumns, aggregates);
}

Percentiles percentilesAt(const QSqlQuery& query, int firstColumn)
{
    Percentiles p;
    for (size_t i = 0; i < p.values.size(); ++i)
        p.values[i] = sqlOptionalDouble(query.value(firstColumn + int(i)));
    return p;
}

} // namespace RagScope
