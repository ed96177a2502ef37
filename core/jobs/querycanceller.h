#pragma once

#include <QFuture>

#include <memory>

class QSqlDatabase;
struct sqlite3;

namespace RagScope {

struct CancelState;

/// While one statement runs on this thread's connection `db`, lets the current job's
/// CancelToken interrupt it in the database: PQcancel for PostgreSQL (sent from another
/// thread, as libpq allows), sqlite3_interrupt for SQLite. Outside a job it does nothing.
class QueryCanceller
{
public:
    explicit QueryCanceller(const QSqlDatabase& db);
    ~QueryCanceller();
    QueryCanceller(const QueryCanceller&) = delete;
    QueryCanceller& operator=(const QueryCanceller&) = delete;

    /// The job was cancelled: skip the statement, or read its failure as "cancelled".
    bool isCanceled() const;

private:
    struct Statement;
    std::shared_ptr<CancelState> m_state;
    std::shared_ptr<Statement> m_statement; ///< ended: stop sending cancel requests
    sqlite3* m_sqlite = nullptr;
    /// PostgreSQL's cancel request once sent: awaited before this thread's next statement, so
    /// that a late request cannot hit a statement of the next job.
    std::shared_ptr<QFuture<void>> m_request = std::make_shared<QFuture<void>>();
};

} // namespace RagScope
