#include "connectionregistry.h"

#include "jobs/dbthreadpool.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QWaitCondition>

#include <memory>
#include <mutex>

namespace RagScope {

namespace {

// How long the pool's threads wait for each other to be sure that each gets a sweep: long
// enough for idle threads to wake, short enough not to hold work back behind a busy one.
constexpr int SweepBarrierMs = 250;

// How long the application's exit waits for sweeps still running on the pool.
constexpr int ExitWaitMs = 2000;

QMutex g_mutex;
QWaitCondition g_changed;
int g_runningSweeps = 0; // sweep tasks posted and not finished
QSet<quint64> g_live; // stores not closed yet
QHash<quint64, int> g_open; // open connections per store, over all threads

int closedOpenLocked()
{
    int n = 0;
    for (auto it = g_open.cbegin(); it != g_open.cend(); ++it) {
        if (!g_live.contains(it.key()))
            n += it.value();
    }
    return n;
}

void forget(quint64 serial, const QString& name)
{
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&g_mutex);
    if (--g_open[serial] <= 0)
        g_open.remove(serial);
    g_changed.wakeAll();
}

// The connections this thread opened, by store serial; removed when the thread ends.
struct ThreadConnections
{
    QHash<quint64, QString> names;
    ~ThreadConnections()
    {
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            forget(it.key(), it.value());
    }
};
thread_local ThreadConnections t_connections;

// One task per pool thread: each removes its thread's connections of closed stores, then
// waits for the others so that no two land on the same thread, until every closed store's
// connection is gone or the barrier times out (a thread busy with a long job sweeps itself
// on its next use of a store).
// Qt's connection list goes away after QCoreApplication: sweeps still running then would
// remove connections from a list that no longer exists.
void waitForSweeps()
{
    QMutexLocker lock(&g_mutex);
    const QDeadlineTimer deadline(ExitWaitMs);
    while (g_runningSweeps > 0 && !deadline.hasExpired())
        g_changed.wait(&g_mutex, deadline);
}

void sweepPool()
{
    static std::once_flag exitHook;
    std::call_once(exitHook, [] { qAddPostRoutine(waitForSweeps); });
    QThreadPool* pool = dbThreadPool();
    const int threads = pool->maxThreadCount();
    auto arrived = std::make_shared<int>(0);
    {
        QMutexLocker lock(&g_mutex);
        g_runningSweeps += threads;
    }
    for (int i = 0; i < threads; ++i) {
        pool->start([arrived, threads] {
            ConnectionRegistry::sweep();
            QMutexLocker lock(&g_mutex);
            ++*arrived;
            g_changed.wakeAll();
            QDeadlineTimer deadline(SweepBarrierMs);
            while (*arrived < threads && closedOpenLocked() > 0 && !deadline.hasExpired())
                g_changed.wait(&g_mutex, deadline);
            --g_runningSweeps;
            g_changed.wakeAll();
        });
    }
}

} // namespace

void ConnectionRegistry::storeOpened(quint64 serial)
{
    QMutexLocker lock(&g_mutex);
    g_live.insert(serial);
}

void ConnectionRegistry::storeClosed(quint64 serial)
{
    {
        QMutexLocker lock(&g_mutex);
        g_live.remove(serial);
    }
    sweep();
    bool elsewhere = false;
    {
        QMutexLocker lock(&g_mutex);
        elsewhere = closedOpenLocked() > 0;
    }
    if (elsewhere)
        sweepPool();
}

std::optional<QString> ConnectionRegistry::find(quint64 serial)
{
    const auto it = t_connections.names.constFind(serial);
    if (it == t_connections.names.cend())
        return std::nullopt;
    return *it;
}

void ConnectionRegistry::add(quint64 serial, const QString& name)
{
    t_connections.names.insert(serial, name);
    QMutexLocker lock(&g_mutex);
    ++g_open[serial];
}

void ConnectionRegistry::remove(quint64 serial)
{
    const auto it = t_connections.names.constFind(serial);
    if (it == t_connections.names.cend())
        return;
    const QString name = *it;
    t_connections.names.remove(serial);
    forget(serial, name);
}

void ConnectionRegistry::sweep()
{
    QList<quint64> closed;
    {
        QMutexLocker lock(&g_mutex);
        for (auto it = t_connections.names.cbegin(); it != t_connections.names.cend(); ++it) {
            if (!g_live.contains(it.key()))
                closed << it.key();
        }
    }
    for (quint64 serial : std::as_const(closed))
        remove(serial);
}

int ConnectionRegistry::closedStoreConnections()
{
    QMutexLocker lock(&g_mutex);
    return closedOpenLocked();
}

} // namespace RagScope
