#include "databasethreadsheld.h"

#include "jobs/dbthreadpool.h"

#include <QtConcurrent/QtConcurrentRun>

namespace RagScope::Test {

DatabaseThreadsHeld::DatabaseThreadsHeld()
{
    for (int i = 0; i < dbThreadPool()->maxThreadCount(); ++i)
        m_blockers << QtConcurrent::run(dbThreadPool(), [this] { m_release.acquire(); });
}

// The blockers use m_release: they have all ended before it goes.
DatabaseThreadsHeld::~DatabaseThreadsHeld()
{
    release();
    for (QFuture<void>& blocker : m_blockers)
        blocker.waitForFinished();
}

void DatabaseThreadsHeld::release()
{
    m_release.release(int(m_blockers.size()) - m_released);
    m_released = int(m_blockers.size());
}

} // namespace RagScope::Test
