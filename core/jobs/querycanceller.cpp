#include "querycanceller.h"
#include "cancelstate.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QThreadPool>
#include <QVariant>
#include <QWaitCondition>
#include <QtConcurrent/QtConcurrentRun>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace RagScope {

namespace {

// A cancel request that reaches a backend before the statement does is ignored, so it is sent
// again until the statement has ended (the canceller's destructor says so).
constexpr int ResendMs = 200;
constexpr int MaxRequests = 50;

// Checked by SQLite every few hundred VM steps: closes the gap in which sqlite3_interrupt()
// before the first step would be forgotten.
constexpr int SqliteProgressSteps = 1000;

int sqliteProgress(void* state)
{
    return static_cast<CancelState*>(state)->canceled ? 1 : 0;
}

} // namespace

struct QueryCanceller::Statement
{
    QMutex mutex;
    QWaitCondition ended;
    bool done = false;
};

QueryCanceller::QueryCanceller(const QSqlDatabase& db)
    : m_state(currentCancelState())
    , m_statement(std::make_shared<Statement>())
{
    if (!m_state)
        return;
    const QVariant handle = db.driver()->handle();
    const char* type = handle.typeName();
    std::function<void()> interrupt;
    // Debian's QPSQL names libpq's handle by its struct tag.
    if (qstrcmp(type, "pg_conn*") == 0 || qstrcmp(type, "PGconn*") == 0) {
        PGconn* conn = *static_cast<PGconn* const*>(handle.data());
        // A PGcancel is a copy of what the request needs (address, backend key): it stays
        // valid even if the connection closes before the request goes out.
        std::shared_ptr<PGcancel> cancel(PQgetCancel(conn), PQfreeCancel);
        if (cancel) {
            interrupt = [cancel, statement = m_statement, request = m_request] {
                // PQcancel opens a connection to the server: never on the thread that asks.
                *request = QtConcurrent::run(QThreadPool::globalInstance(), [cancel, statement] {
                    QMutexLocker lock(&statement->mutex);
                    for (int i = 0; i < MaxRequests && !statement->done; ++i) {
                        char error[256];
                        PQcancel(cancel.get(), error, sizeof error);
                        statement->ended.wait(&statement->mutex, ResendMs);
                    }
                });
            };
        }
    } else if (qstrcmp(type, "sqlite3*") == 0) {
        m_sqlite = *static_cast<sqlite3* const*>(handle.data());
        sqlite3_progress_handler(m_sqlite, SqliteProgressSteps, sqliteProgress, m_state.get());
        // Cheap and thread-safe while the connection is open, which the state's mutex ensures.
        interrupt = [connection = m_sqlite] { sqlite3_interrupt(connection); };
    }
    QMutexLocker lock(&m_state->mutex);
    m_state->interrupt = std::move(interrupt);
}

QueryCanceller::~QueryCanceller()
{
    if (!m_state)
        return;
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->interrupt = nullptr;
    }
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
    {
        QMutexLocker lock(&m_statement->mutex);
        m_statement->done = true;
        m_statement->ended.wakeAll();
    }
    // PQcancel returns once the server has signalled the backend: waiting for it here keeps a
    // late request from hitting this thread's next statement (an idle backend ignores it).
    m_request->waitForFinished();
}

bool QueryCanceller::isCanceled() const
{
    return m_state && m_state->canceled;
}

} // namespace RagScope
