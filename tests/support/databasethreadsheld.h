#pragma once

#include <QFuture>
#include <QList>
#include <QSemaphore>

namespace RagScope::Test {

/// Holds every database thread (dbThreadPool()) until release() or destruction, so that a job
/// started meanwhile still waits: e.g. to press Cancel before it has run.
class DatabaseThreadsHeld
{
public:
    DatabaseThreadsHeld();
    ~DatabaseThreadsHeld();
    DatabaseThreadsHeld(const DatabaseThreadsHeld&) = delete;
    DatabaseThreadsHeld& operator=(const DatabaseThreadsHeld&) = delete;

    void release();

private:
    QSemaphore m_release;
    QList<QFuture<void>> m_blockers;
    int m_released = 0;
};

} // namespace RagScope::Test
