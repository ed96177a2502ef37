#include "sqlitetablesource.h"

#include <QStringList>
#include <QUrl>

#include <sqlite3.h>

#include <memory>

namespace RagScope {

namespace {

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Result<Statement> prepare(sqlite3* db, const QString& sql, const QVariantList& values)
{
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK)
        return SqliteInserter::lastError(db, QStringLiteral("reading the store failed"));
    Statement statement(raw, &sqlite3_finalize);
    for (int i = 0; i < values.size(); ++i) {
        const QByteArray text = values[i].toString().toUtf8();
        sqlite3_bind_text(raw, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    return statement;
}

} // namespace

Result<std::unique_ptr<SqliteTableSource>> SqliteTableSource::attach(
    sqlite3* target, const QString& sourcePath)
{
    // A URI, so that the source opens read-only whatever its file permissions.
    const QString uri
        = QString::fromUtf8(QUrl::fromLocalFile(sourcePath).toEncoded()) + QStringLiteral("?mode=ro");
    RAGSCOPE_TRY(attach, prepare(target, QStringLiteral("ATTACH DATABASE ? AS ragscope_source"), { uri }));
    if (sqlite3_step(attach.get()) != SQLITE_DONE)
        return SqliteInserter::lastError(target, QStringLiteral("cannot read %1").arg(sourcePath));
    std::unique_ptr<SqliteTableSource> source(new SqliteTableSource(target));
    // The new file's exclusive locking must not keep writers off the source afterwards.
    sqlite3_exec(target, "PRAGMA ragscope_source.locking_mode = NORMAL", nullptr, nullptr, nullptr);
    return source;
}

SqliteTableSource::~SqliteTableSource()
{
    sqlite3_exec(m_db, "DETACH DATABASE ragscope_source", nullptr, nullptr, nullptr);
}

Result<qint64> SqliteTableSource::count(const CopyTable& table)
{
    RAGSCOPE_TRY(q, prepare(m_db, table.selectSql(QStringLiteral("count(*)")), table.values));
    if (sqlite3_step(q.get()) != SQLITE_ROW)
        return SqliteInserter::lastError(m_db, QStringLiteral("reading the store failed"));
    return qint64(sqlite3_column_int64(q.get(), 0));
}

Result<QList<SourceColumn>> SqliteTableSource::columnsOf(const QString& table)
{
    RAGSCOPE_TRY(q,
        prepare(m_db, QStringLiteral("SELECT name, type FROM pragma_table_info(?, 'ragscope_source')"),
            { table }));
    QList<SourceColumn> columns;
    while (sqlite3_step(q.get()) == SQLITE_ROW)
        columns.append({ QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0))),
            QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1))) });
    return columns;
}

Result<qint64> SqliteTableSource::copy(
    const CopyTable& table, SqliteInserter& into, const std::function<Status()>& afterRow)
{
    RAGSCOPE_TRY(q, prepare(m_db, table.copySql(table.where), table.values));
    const int width = int(table.columns.size());
    qint64 rows = 0;
    for (;;) {
        const int stepped = sqlite3_step(q.get());
        if (stepped == SQLITE_DONE)
            return rows;
        if (stepped != SQLITE_ROW)
            return SqliteInserter::lastError(m_db, QStringLiteral("reading the store failed"));
        for (int c = 0; c < width; ++c)
            into.bindValue(c, sqlite3_column_value(q.get(), c));
        RAGSCOPE_TRY(inserted, into.insertRow());
        RAGSCOPE_TRY(goOn, afterRow());
        ++rows;
    }
}

} // namespace RagScope
