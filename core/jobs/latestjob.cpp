#include "latestjob.h"

namespace RagScope {

LatestJob::LatestJob(QObject* parent)
    : QObject(parent)
{ }

void LatestJob::cancel()
{
    ++m_generation;
    if (m_cancelPrevious)
        m_cancelPrevious();
    m_cancelPrevious = nullptr;
    setBusy(false);
}

void LatestJob::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace RagScope
