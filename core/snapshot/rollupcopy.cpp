#include "rollupcopy.h"

#include "metrics/filtersql.h"
#include "rollup/rollupplan.h"

#include <QStringList>

#include <sqlite3.h>

#include <memory>

namespace RagScope {

namespace {

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Result<Statement> prepare(sqlite3* db, const QString& sql, const QStringList& values)
{
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK)
        return SqliteInserter::lastError(db, QStringLiteral("writing the snapshot failed"));
    Statement statement(raw, &sqlite3_finalize);
    for (int i = 0; i < values.size(); ++i) {
        const QByteArray text = values[i].toUtf8();
        sqlite3_bind_text(raw, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    return statement;
}

Result<QStringList> firstColumn(sqlite3* db, const QString& sql, const QStringList& values)
{
    RAGSCOPE_TRY(q, prepare(db, sql, values));
    QStringList names;
    while (sqlite3_step(q.get()) == SQLITE_ROW)
        names << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)));
    return names;
}

qint64 grainSeconds(const QString& grain)
{
    return grain == QLatin1String("hour") ? 3600 : 86400;
}

QString grainOfTable(const QString& table)
{
    // The open day's hour x user rows (migration 0008) and their per-user sums (0010) hold only
    // what a window's capped day horizon would leave out; a windowed snapshot reads those hours raw
    // instead (its horizon table gets no "hour_user" row). Week x user rows, which do not cut at a window's
    // days, stay behind the same way (no "week" row): the snapshot sums its day rows. So do the day x model
    // rows (no "day_model" row; migration 0009): the snapshot reads their hours.
    if (table.endsWith(QLatin1String("_hour_user")) || table.endsWith(QLatin1String("_open_day_user"))
        || table.endsWith(QLatin1String("_day_model")))
        return {};
    if (table.contains(QLatin1String("_hour")))
        return QStringLiteral("hour");
    if (table.contains(QLatin1String("_day")))
        return QStringLiteral("day");
    return {};
}

QString quoted(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\""))
        + QLatin1Char('"');
}

} // namespace

Result<QStringList> RollupCopy::targetTables()
{
    return firstColumn(m_target,
        QStringLiteral("SELECT name FROM main.sqlite_master WHERE type = 'table'"
                       " AND name LIKE 'ragscope\\_rollup\\_%' ESCAPE '\\' ORDER BY name"),
        {});
}

Result<QStringList> RollupCopy::targetColumns(const QString& table)
{
    return firstColumn(m_target, QStringLiteral("SELECT name FROM pragma_table_info(?, 'main')"), { table });
}

bool RollupCopy::grainCopied(const QString& grain) const
{
    if (!m_window)
        return true;
    if (grain == QLatin1String("hour"))
        return !m_window->user;
    if (grain == QLatin1String("day"))
        return !m_window->model;
    return false;
}

std::pair<QDateTime, QDateTime> RollupCopy::range(const QString& grain) const
{
    return { ceilTo(m_window->from, grainSeconds(grain)), floorTo(m_window->to, grainSeconds(grain)) };
}

// Source columns become target columns of the same name, converted by their source type
// (PostgreSQL's NUMERIC money is the snapshot's integer count of 1e-8 USD).
std::optional<CopyColumn> RollupCopy::mapColumn(const SourceColumn& c, const QStringList& targetColumns) const
{
    const QString source = quoted(c.name);
    QString target = c.name;
    if (!m_d.isPostgres())
        return targetColumns.contains(target) ? std::optional(CopyColumn { quoted(target), source })
                                              : std::nullopt;
    const QString type = c.type.toLower();
    CopyColumn column { {}, source, ColumnKind::Text };
    if (type.startsWith(QLatin1String("timestamp"))) {
        column.source = m_d.timeText(source);
    } else if (type == QLatin1String("numeric")) {
        if (!targetColumns.contains(target) && target == QLatin1String("cost_estimate"))
            target = QStringLiteral("cost_usd_e8");
        column.source = QStringLiteral("CAST(%1 * 100000000 AS bigint)").arg(source);
        column.kind = ColumnKind::Integer;
    } else if (type == QLatin1String("bytea")) {
        // hex whatever the session's bytea_output (Qt's driver sets "escape")
        column.source = QStringLiteral("encode(%1, 'hex')").arg(source);
        column.kind = ColumnKind::HexBlob;
    } else if (type == QLatin1String("double precision") || type == QLatin1String("real")) {
        column.kind = ColumnKind::Real;
    } else if (type == QLatin1String("bigint") || type == QLatin1String("integer")
        || type == QLatin1String("smallint")) {
        column.kind = ColumnKind::Integer;
    }
    if (!targetColumns.contains(target))
        return std::nullopt;
    column.target = quoted(target);
    return column;
}

Result<QList<CopyTable>> RollupCopy::tables()
{
    QList<CopyTable> tables;
    RAGSCOPE_TRY(names, targetTables());
    for (const QString& name : std::as_const(names)) {
        RAGSCOPE_TRY(sourceColumns, m_source.columnsOf(name));
        if (sourceColumns.isEmpty())
            continue; // the source has no such rollup (older schema or no rights)
        RAGSCOPE_TRY(targetNames, targetColumns(name));
        CopyTable t { name, m_source.schema() + quoted(name), {}, {}, {}, {} };
        QStringList sourceNames;
        for (const SourceColumn& c : std::as_const(sourceColumns)) {
            sourceNames << c.name;
            if (const auto mapped = mapColumn(c, targetNames))
                t.columns << *mapped;
        }
        const bool perRowGrain = sourceNames.contains(QStringLiteral("grain"));
        const bool hasBucket = sourceNames.contains(QStringLiteral("bucket"));
        if (m_window) {
            SqlWhere where;
            if (perRowGrain) {
                // fingerprints describe all users and models: not for a narrower snapshot
                if (hasBucket && (m_window->user || m_window->model))
                    continue;
                QStringList grains;
                for (const QString& grain : { QStringLiteral("hour"), QStringLiteral("day") }) {
                    if (!grainCopied(grain))
                        continue;
                    if (!hasBucket) {
                        grains << QStringLiteral("grain = ?");
                        where.values << grain;
                        continue;
                    }
                    const auto [start, end] = range(grain);
                    grains << QStringLiteral("(grain = ? AND bucket >= %1 AND bucket < %1)")
                                  .arg(m_d.timeParam());
                    where.values << grain << m_d.bindTime(start) << m_d.bindTime(end);
                }
                if (grains.isEmpty())
                    continue;
                where.sql = QStringLiteral("(%1)").arg(grains.join(QStringLiteral(" OR ")));
            } else if (hasBucket) {
                const QString grain = grainOfTable(name);
                if (grain.isEmpty() || !grainCopied(grain))
                    continue;
                const auto [start, end] = range(grain);
                where.add(QStringLiteral("bucket >= %1 AND bucket < %1").arg(m_d.timeParam()),
                    { m_d.bindTime(start), m_d.bindTime(end) });
                if (m_window->model && sourceNames.contains(QStringLiteral("model_name")))
                    where.add(QStringLiteral("model_name = ?"), { *m_window->model });
                if (m_window->user && sourceNames.contains(QStringLiteral("user_id")))
                    where.add(QStringLiteral("user_id = ?"), { *m_window->user });
            } else {
                continue; // a rollup without buckets cannot be cut to a window
            }
            t.where = where.sql;
            t.values = where.values;
        }
        tables << t;
    }
    return tables;
}

Result<bool> RollupCopy::finish()
{
    RAGSCOPE_TRY(names, targetTables());
    if (!names.contains(QStringLiteral("ragscope_rollup_horizon")))
        return false;
    if (m_window) {
        for (const QString& grain : { QStringLiteral("hour"), QStringLiteral("day") }) {
            const QString end = SqlDialect::isoTime(range(grain).second);
            RAGSCOPE_TRY(cap,
                prepare(m_target,
                    QStringLiteral("UPDATE main.ragscope_rollup_horizon SET horizon = ?"
                                   " WHERE grain = ? AND horizon > ?"),
                    { end, grain, end }));
            if (sqlite3_step(cap.get()) != SQLITE_DONE)
                return SqliteInserter::lastError(m_target, QStringLiteral("writing the snapshot failed"));
        }
    }
    RAGSCOPE_TRY(
        grains, firstColumn(m_target, QStringLiteral("SELECT grain FROM main.ragscope_rollup_horizon"), {}));
    return !grains.isEmpty();
}

} // namespace RagScope
