#include "pgtablesource.h"
#include "pgcopyreader.h"

#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDriver>

#include <libpq-fe.h>

namespace RagScope {

Result<qint64> PgTableSource::count(const CopyTable& table)
{
    RAGSCOPE_TRY(q, m_store->exec(table.selectSql(QStringLiteral("count(*)")), table.values));
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result<QList<SourceColumn>> PgTableSource::columnsOf(const QString& table)
{
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT column_name, data_type FROM information_schema.columns"
                                     " WHERE table_schema = current_schema() AND table_name = ?"
                                     " ORDER BY ordinal_position"),
            { table }));
    QList<SourceColumn> columns;
    while (q.next())
        columns.append({ q.value(0).toString(), q.value(1).toString() });
    return columns;
}

// `?` number i of the WHERE becomes current_setting('ragscope.copy_<i>'), set to the value first.
Result<QString> PgTableSource::withSessionParams(const CopyTable& table)
{
    QString sql = table.where;
    int next = 0;
    for (qsizetype at = sql.indexOf(QLatin1Char('?')); at >= 0; at = sql.indexOf(QLatin1Char('?'), at)) {
        if (next >= table.values.size())
            return makeError(ErrorKind::Internal,
                QCoreApplication::translate(
                    "RagScope::PgTableSource", "more placeholders than values in a copy"));
        const QVariant& v = table.values[next];
        const QString name = QStringLiteral("ragscope.copy_%1").arg(next + 1);
        const QString text
            = v.typeId() == QMetaType::QDateTime ? SqlDialect::isoTime(v.toDateTime()) : v.toString();
        RAGSCOPE_TRY(set, m_store->exec(QStringLiteral("SELECT set_config(?, ?, false)"), { name, text }));
        const QString setting = QStringLiteral("current_setting('%1')").arg(name);
        sql.replace(at, 1, setting);
        at += setting.size();
        ++next;
    }
    return sql;
}

Result<qint64> PgTableSource::copy(
    const CopyTable& table, SqliteInserter& into, const std::function<Status()>& afterRow)
{
    RAGSCOPE_TRY(where, withSessionParams(table));
    const QString sql = QStringLiteral("COPY (%1) TO STDOUT").arg(table.copySql(where));

    RAGSCOPE_TRY(db, m_store->connection());
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return makeError(ErrorKind::Internal,
            QCoreApplication::translate(
                "RagScope::PgTableSource", "Qt's PostgreSQL driver gave no libpq connection"));
    PGconn* connection = *static_cast<PGconn* const*>(handle.data());

    Status failed = Done {};
    const qsizetype width = table.columns.size();
    PgCopyReader reader(connection);
    auto copied = reader.run(sql.toUtf8(), [&](const CopyRow& row) {
        if (row.fields.size() != size_t(width)) {
            failed = makeError(ErrorKind::Internal,
                QCoreApplication::translate(
                    "RagScope::PgTableSource", "COPY sent a row of unexpected width"));
            return false;
        }
        for (qsizetype c = 0; c < width; ++c) {
            const CopyRow::Field& f = row.fields[size_t(c)];
            if (f.null) {
                into.bindNull(int(c));
            } else if (!into.bind(int(c), f.text, table.columns[c].kind)) {
                failed = makeError(ErrorKind::Query,
                    QCoreApplication::translate("RagScope::PgTableSource", "%1.%2: unexpected value \"%3\"")
                        .arg(table.table, table.columns[c].target,
                            QString::fromUtf8(f.text.data(), qsizetype(f.text.size()))));
                return false;
            }
        }
        failed = into.insertRow();
        if (failed.ok())
            failed = afterRow();
        return failed.ok();
    });
    if (!failed.ok())
        return failed.error();
    return copied;
}

} // namespace RagScope
