#pragma once

#include "alerts/alertresult.h"
#include "base/error.h"
#include "store/store.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace RagScope {

class LatestJob;

/// Evaluates the alert rules as of now while the app is open (every minute and on demand), off
/// the GUI thread: the page list's badge counts what fires, and a rule + group that turns
/// critical is announced once (turnedCritical) until it has been below critical again.
class AlertMonitor : public QObject
{
    Q_OBJECT
public:
    explicit AlertMonitor(QObject* parent = nullptr);

    void setStore(StorePtr store);
    void setRules(const QList<AlertRule>& rules);
    const QList<AlertRule>& rules() const { return m_rules; }
    /// Re-evaluation period (default 60 s).
    void setInterval(std::chrono::milliseconds interval);
    void evaluateNow();

    const QList<AlertResult>& results() const { return m_results; }
    /// Results at WARNING or CRITICAL.
    int firingCount() const;
    bool isBusy() const;

signals:
    void evaluated(const QList<RagScope::AlertResult>& results);
    void firingCountChanged(int count);
    /// Results that are critical now and were not at the previous evaluation.
    void turnedCritical(const QList<RagScope::AlertResult>& results);
    void evaluationFailed(const RagScope::Error& error);

private:
    void take(const QList<AlertResult>& results);

    LatestJob* m_job;
    QTimer m_timer;
    StorePtr m_store;
    QList<AlertRule> m_rules;
    QList<AlertResult> m_results;
    QSet<QString> m_critical; ///< "rule\ngroup" keys critical at the last evaluation
};

} // namespace RagScope
