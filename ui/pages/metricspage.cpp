#include "metricspage.h"

#include "jobs/latestjob.h"

#include <algorithm>

namespace RagScope {

void MetricsPage::applyContext(bool newStore)
{
    if (newStore) {
        for (LatestJob* job : std::as_const(m_jobs))
            job->cancel();
        clear(store() ? QString() : tr("No store open"));
    }
    reload();
}

bool MetricsPage::isBusy() const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(), [](const LatestJob* job) { return job->isBusy(); });
}

LatestJob* MetricsPage::addJob()
{
    auto* job = new LatestJob(this);
    m_jobs.append(job);
    return job;
}

bool MetricsPage::beginLoad()
{
    if (!store() || !filter().from.isValid() || !filter().to.isValid())
        return false;
    m_pending = int(m_jobs.size());
    m_errorReported = false;
    return true;
}

void MetricsPage::finishPanel(const std::optional<Error>& error)
{
    if (error && !m_errorReported) {
        m_errorReported = true;
        emit storeError(*error);
    }
    if (--m_pending == 0)
        emit loaded();
}

} // namespace RagScope
