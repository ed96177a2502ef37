#include "sqliteinserter.h"

#include <sqlite3.h>

#include <charconv>
#include <string>

namespace RagScope {

SqliteInserter::~SqliteInserter()
{
    sqlite3_finalize(m_statement);
}

Error SqliteInserter::lastError(sqlite3* db, const QString& context)
{
    const int code = sqlite3_errcode(db);
    const ErrorKind kind = code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? ErrorKind::Corrupt
        : code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN
        ? ErrorKind::PermissionDenied
        : code == SQLITE_INTERRUPT ? ErrorKind::InvalidInput
                                   : ErrorKind::Query;
    return makeError(kind, QStringLiteral("%1: %2").arg(context, QString::fromUtf8(sqlite3_errmsg(db))));
}

Status SqliteInserter::prepare(const QString& insertSql)
{
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    if (sqlite3_prepare_v3(
            m_db, insertSql.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
        != SQLITE_OK)
        return lastError(m_db, QStringLiteral("writing the snapshot failed"));
    return Done {};
}

void SqliteInserter::bindNull(int column)
{
    sqlite3_bind_null(m_statement, column + 1);
}

bool SqliteInserter::bind(int column, std::string_view text, ColumnKind kind)
{
    const int index = column + 1;
    const char* end = text.data() + text.size();
    switch (kind) {
    case ColumnKind::Text:
        // SQLITE_STATIC: the row's buffer outlives insertRow(), which clears the bindings
        return sqlite3_bind_text(m_statement, index, text.data(), int(text.size()), SQLITE_STATIC)
            == SQLITE_OK;
    case ColumnKind::Integer: {
        sqlite3_int64 value = 0;
        const auto parsed = std::from_chars(text.data(), end, value);
        return parsed.ec == std::errc() && parsed.ptr == end
            && sqlite3_bind_int64(m_statement, index, value) == SQLITE_OK;
    }
    case ColumnKind::Real: {
        // PostgreSQL writes the shortest text that reads back to the same double, and
        // "Infinity"/"NaN" words that from_chars reads too (as strtod in the C locale).
        double value = 0;
        const auto parsed = std::from_chars(text.data(), end, value);
        return !text.empty() && parsed.ec == std::errc() && parsed.ptr == end
            && sqlite3_bind_double(m_statement, index, value) == SQLITE_OK;
    }
    case ColumnKind::HexBlob: {
        // bytea as encode(…, 'hex'): two hex digits per byte
        if (text.size() % 2 != 0)
            return false;
        std::string bytes;
        bytes.reserve(text.size() / 2);
        for (size_t i = 0; i < text.size(); i += 2) {
            unsigned value = 0;
            const auto parsed = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
            if (parsed.ec != std::errc() || parsed.ptr != text.data() + i + 2)
                return false;
            bytes.push_back(char(value));
        }
        return sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT)
            == SQLITE_OK;
    }
    }
    return false;
}

void SqliteInserter::bindValue(int column, sqlite3_value* value)
{
    sqlite3_bind_value(m_statement, column + 1, value);
}

Status SqliteInserter::insertRow()
{
    const int stepped = sqlite3_step(m_statement);
    const Status status = stepped == SQLITE_DONE
        ? Status(Done {})
        : Status(lastError(m_db, QStringLiteral("writing the snapshot failed")));
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    return status;
}

} // namespace RagScope
