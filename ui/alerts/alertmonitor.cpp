#include "alertmonitor.h"

#include "alerts/alertevaluator.h"
#include "jobs/latestjob.h"

namespace RagScope {

namespace {

QString keyOf(const AlertResult& r)
{
    return r.rule.name + QLatin1Char('\n') + r.group;
}

} // namespace

AlertMonitor::AlertMonitor(QObject* parent)
    : QObject(parent)
    , m_job(new LatestJob(this))
    , m_rules(AlertRule::defaults())
{
    m_timer.setInterval(std::chrono::seconds(60));
    connect(&m_timer, &QTimer::timeout, this, &AlertMonitor::evaluateNow);
}

void AlertMonitor::setStore(StorePtr store)
{
    m_store = std::move(store);
    m_job->cancel();
    m_critical.clear();
    take({});
    if (m_store) {
        m_timer.start();
        evaluateNow();
    } else {
        m_timer.stop();
    }
}

void AlertMonitor::setRules(const QList<AlertRule>& rules)
{
    m_rules = rules;
    evaluateNow();
}

void AlertMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

bool AlertMonitor::isBusy() const
{
    return m_job->isBusy();
}

int AlertMonitor::firingCount() const
{
    return int(std::count_if(m_results.cbegin(), m_results.cend(),
        [](const AlertResult& r) { return r.state != AlertState::Ok; }));
}

void AlertMonitor::evaluateNow()
{
    if (!m_store)
        return;
    const StorePtr store = m_store;
    const QList<AlertRule> rules = m_rules;
    m_job->start(
        [store, rules] { return AlertEvaluator(store).evaluate(rules, QDateTime::currentDateTimeUtc()); },
        [this](const Result<QList<AlertResult>>& result) {
            if (!result.ok()) {
                emit evaluationFailed(result.error());
                return;
            }
            take(result.value());
        });
}

void AlertMonitor::take(const QList<AlertResult>& results)
{
    const int before = firingCount();
    m_results = results;
    QSet<QString> critical;
    QList<AlertResult> turned;
    for (const AlertResult& r : results) {
        if (r.state != AlertState::Critical)
            continue;
        critical.insert(keyOf(r));
        if (!m_critical.contains(keyOf(r)))
            turned << r;
    }
    m_critical = critical;
    emit evaluated(m_results);
    if (firingCount() != before)
        emit firingCountChanged(firingCount());
    if (!turned.isEmpty())
        emit turnedCritical(turned);
}

} // namespace RagScope
