#pragma once

#include "base/result.h"

#include <QByteArray>

#include <functional>
#include <string_view>
#include <vector>

typedef struct pg_conn PGconn;

namespace RagScope {

/// One row of COPY's text format, its fields unescaped; a null field has `null` set.
struct CopyRow
{
    struct Field
    {
        std::string_view text;
        bool null = false;
    };
    std::vector<Field> fields;
};

/// Streams `COPY (query) TO STDOUT` (text format) from a libpq connection one row at a time,
/// so memory stays flat whatever the number of rows. A second thread receives and parses while
/// the caller's thread handles rows (CopyBatchQueue). The query binds nothing itself: values
/// travel as session settings (see PgSessionParams).
class PgCopyReader
{
public:
    /// Returns false from `row` to stop: the COPY is cancelled on the server and the
    /// connection drained, so it stays usable.
    using RowHandler = std::function<bool(const CopyRow& row)>;

    explicit PgCopyReader(PGconn* connection)
        : m_connection(connection)
    { }

    /// Rows delivered, or an error (the server's message, or "cancelled" when `row` said stop).
    Result<qint64> run(const QByteArray& copySql, const RowHandler& row);

private:
    Status finish(bool cancelled);

    PGconn* m_connection;
    CopyRow m_row;
};

} // namespace RagScope
