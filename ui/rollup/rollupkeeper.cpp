#include "rollupkeeper.h"
#include "i18n/localetime.h"

#include "jobs/latestjob.h"
#include "rollup/rollupplan.h"
#include "rollup/rolluprefresher.h"

#include <QTimer>

namespace RagScope {

namespace {

/// A refresh's outcome and the rollups' state after it.
struct Outcome
{
    bool haveTables = true; ///< false: nothing to refresh, the timer stops
    RollupRefresh refresh;
    RollupStatus status;
};

} // namespace

RollupKeeper::RollupKeeper(QObject* parent)
    : QObject(parent)
    , m_job(new LatestJob(this))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(std::chrono::minutes(5));
    connect(m_timer, &QTimer::timeout, this, &RollupKeeper::refresh);
}

void RollupKeeper::setInterval(std::chrono::milliseconds interval)
{
    m_timer->setInterval(interval);
}

bool RollupKeeper::isBusy() const
{
    return m_job->isBusy();
}

void RollupKeeper::setStore(StorePtr store)
{
    m_store = std::move(store);
    m_timer->stop();
    m_job->cancel();
    m_haveRollups = false;
    if (!m_store) {
        setStatus({});
        return;
    }
    // A replica's rollups are refreshed on its primary (the writer) and replicate back.
    if (m_store->writer()->isReadOnly()) {
        readStatus();
        return;
    }
    refresh(); // finds out off the GUI thread whether the store has rollup tables at all
    m_timer->start();
}

void RollupKeeper::refresh()
{
    const StorePtr store = m_store;
    if (!store || m_job->isBusy())
        return; // a long first build is still running: the next tick comes after it
    if (!m_haveRollups)
        setStatus(tr("Building rollups in the background; figures are read raw meanwhile"));
    m_job->start(
        [store]() -> Result<Outcome> {
            Outcome o;
            if (!RollupRefresher::hasRollupTables(*store)) {
                o.haveTables = false;
                return o;
            }
            RAGSCOPE_TRY(r, RollupRefresher(store->writer()).refresh());
            o.refresh = r;
            RAGSCOPE_TRY(s, RollupStatus::of(*store));
            o.status = s;
            return o;
        },
        [this](const Result<Outcome>& result) {
            if (!result.ok()) {
                setStatus(tr("Raw queries: the rollup refresh failed (%1)").arg(result.error().message));
                return;
            }
            show(result->status);
            if (!result->haveTables) {
                m_timer->stop();
                return;
            }
            const RollupRefresh& r = result->refresh;
            if (r.hours + r.days + r.feedbackHours + r.feedbackDays > 0)
                emit refreshed();
        });
}

void RollupKeeper::readStatus()
{
    const StorePtr store = m_store;
    m_job->start([store] { return RollupStatus::of(*store); },
        [this](const Result<RollupStatus>& status) {
            if (status.ok())
                show(status.value());
            else
                setStatus({});
        });
}

void RollupKeeper::show(const RollupStatus& status)
{
    m_haveRollups = status.available;
    if (!status.available)
        setStatus(tr("Raw queries: no rollups in this store (an admin can run ragscope-cli rollup)"));
    else
        setStatus(tr("Rollups to %1 UTC, newer rows read raw").arg(LocaleTime::dateTime(status.horizon)));
}

void RollupKeeper::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged(status);
}

} // namespace RagScope
