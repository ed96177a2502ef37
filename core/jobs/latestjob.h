#pragma once

#include "dbthreadpool.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace RagScope {

/// Runs store work off the GUI thread and delivers only the newest request's result.
/// One per panel: start() supersedes whatever that panel asked for before (a queued job is
/// cancelled, a running one finishes but its result is dropped). Results come back on the
/// owner's thread through a QFutureWatcher; nothing arrives after the owner is destroyed.
class LatestJob : public QObject
{
    Q_OBJECT
public:
    explicit LatestJob(QObject* parent = nullptr);

    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }

    /// `work` runs on dbThreadPool(); `done(result)` runs on this object's thread, only if no
    /// newer start() came in meanwhile.
    template <typename Work, typename Done> void start(Work work, Done done)
    {
        using T = std::invoke_result_t<Work>;
        const quint64 ticket = ++m_generation;
        if (m_cancelPrevious)
            m_cancelPrevious();
        auto* watcher = new QFutureWatcher<T>(this);
        m_cancelPrevious = [w = QPointer<QFutureWatcher<T>>(watcher)] {
            if (w)
                w->cancel();
        };
        connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, ticket, done = std::move(done)]() mutable {
                watcher->deleteLater();
                if (ticket != m_generation || watcher->isCanceled())
                    return; // superseded
                m_cancelPrevious = nullptr;
                setBusy(false);
                done(watcher->result());
            });
        setBusy(true);
        watcher->setFuture(QtConcurrent::run(dbThreadPool(), std::move(work)));
    }

    /// Drops whatever is in flight (e.g. the store is being closed).
    void cancel();

signals:
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    quint64 m_generation = 0;
    bool m_busy = false;
    std::function<void()> m_cancelPrevious;
};

} // namespace RagScope
