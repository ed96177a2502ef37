#include "latestjob.h"

namespace RagScope {

LatestJob::LatestJob(QObject* parent)
    : QObject(parent)
{ }

LatestJob::~LatestJob()
{
    // A panel that goes away stops its query too.
    cancelPrevious();
}

void LatestJob::cancel()
{
    if (!m_cancelPrevious)
        return; // nothing in flight
    ++m_generation;
    cancelPrevious();
    setBusy(false);
}

void LatestJob::cancelPrevious()
{
    if (m_cancelPrevious)
        m_cancelPrevious();
    m_cancelPrevious = nullptr;
}

void LatestJob::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace RagScope
