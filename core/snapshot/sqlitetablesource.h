#pragma once

#include "tablesource.h"

typedef struct sqlite3 sqlite3;

namespace RagScope {

/// Reads a SQLite store (a snapshot of a snapshot) by attaching it, read-only, to the
/// connection that writes the new file: rows go from one prepared SELECT to the INSERT as
/// SQLite values, never converted.
class SqliteTableSource : public TableSource
{
public:
    /// Attaches `sourcePath` read-only as schema "ragscope_source" of `target`.
    static Result<std::unique_ptr<SqliteTableSource>> attach(sqlite3* target, const QString& sourcePath);
    /// Detaches the source (the caller has committed its transaction).
    ~SqliteTableSource() override;

    Result<qint64> count(const CopyTable& table) override;
    Result<qint64> copy(
        const CopyTable& table, SqliteInserter& into, const std::function<Status()>& afterRow) override;
    Result<QList<SourceColumn>> columnsOf(const QString& table) override;
    QString schema() const override { return QStringLiteral("ragscope_source."); }

private:
    explicit SqliteTableSource(sqlite3* target)
        : m_db(target)
    { }

    sqlite3* m_db;
};

} // namespace RagScope
