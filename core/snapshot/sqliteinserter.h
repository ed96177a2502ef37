#pragma once

#include "base/result.h"

#include <QString>

#include <string_view>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_value sqlite3_value;

namespace RagScope {

/// How a text field from PostgreSQL's COPY becomes a SQLite value.
enum class ColumnKind {
    Text,
    Integer,
    Real,
    HexBlob, ///< bytes as hex digits (PostgreSQL's encode(…, 'hex'))
};

/// Appends rows to one table of a SQLite file being built, through the sqlite3 C API: one
/// prepared INSERT reused for every row, values bound without any QVariant on the way. Rows
/// are committed in large transactions (SqliteTransaction) by the caller.
class SqliteInserter
{
public:
    explicit SqliteInserter(sqlite3* db)
        : m_db(db)
    { }
    ~SqliteInserter();
    SqliteInserter(const SqliteInserter&) = delete;
    SqliteInserter& operator=(const SqliteInserter&) = delete;

    Status prepare(const QString& insertSql);
    void bindNull(int column);
    /// Binds `text` converted by `kind`; false when it is not a number or hex where one is due.
    /// Text is bound without a copy: it must stay valid until insertRow() has run.
    bool bind(int column, std::string_view text, ColumnKind kind);
    void bindValue(int column, sqlite3_value* value);
    /// Inserts the bound row and clears the bindings for the next.
    Status insertRow();

    /// The error of the connection, as one sentence.
    static Error lastError(sqlite3* db, const QString& context);

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace RagScope
