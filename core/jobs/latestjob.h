#pragma once

#include "canceltoken.h"
#include "dbthreadpool.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <type_traits>

namespace RagScope {

/// Runs store work off the GUI thread and delivers only the newest request's result.
/// One per panel: start() supersedes whatever that panel asked for before. The superseded job
/// is cancelled: a queued one never runs, a running one sees QPromise::isCanceled() and has its
/// statement interrupted in the database (CancelToken), and its result is dropped. Results
/// come back on the owner's thread through a QFutureWatcher; nothing arrives after the owner
/// is destroyed.
class LatestJob : public QObject
{
    Q_OBJECT
public:
    explicit LatestJob(QObject* parent = nullptr);
    ~LatestJob() override;

    bool isBusy() const { return m_busy; }
    /// Counts start() calls and cancel()s of work in flight.
    quint64 generation() const { return m_generation; }

    /// `work` runs on dbThreadPool(), as `T()` or, to report progress and poll for
    /// cancellation, `T(QPromise<T>&)`; `done(result)` runs on this object's thread, only if no
    /// newer start() came in meanwhile.
    template <typename Work, typename Done> void start(Work work, Done done)
    {
        using T = ResultOf<Work>;
        const quint64 ticket = ++m_generation;
        cancelPrevious();
        auto* watcher = new QFutureWatcher<T>(this);
        const CancelToken token;
        m_cancelPrevious = [w = QPointer<QFutureWatcher<T>>(watcher), token] {
            token.cancel();
            if (w)
                w->cancel();
        };
        connect(watcher, &QFutureWatcherBase::progressRangeChanged, this, [this, ticket](int, int maximum) {
            if (ticket == m_generation)
                m_maximum = maximum;
        });
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, ticket](int value) {
            if (ticket == m_generation)
                emit progress(value, m_maximum);
        });
        connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, ticket, done = std::move(done)]() mutable {
                watcher->deleteLater();
                if (ticket != m_generation || watcher->isCanceled() || watcher->future().resultCount() == 0)
                    return; // superseded
                m_cancelPrevious = nullptr;
                setBusy(false);
                done(watcher->result());
            });
        setBusy(true);
        watcher->setFuture(
            QtConcurrent::run(dbThreadPool(), [work = std::move(work), token](QPromise<T>& promise) mutable {
                const CancelToken::Scope scope(token);
                if constexpr (std::is_invocable_v<Work&, QPromise<T>&>)
                    promise.addResult(work(promise));
                else
                    promise.addResult(work());
            }));
    }

    /// Drops whatever is in flight and cancels it (e.g. the store is being closed).
    void cancel();

signals:
    void busyChanged(bool busy);
    /// Progress of the newest job, as its work reported it through QPromise (value of maximum).
    void progress(int value, int maximum);

private:
    template <typename F> struct CallReturn;
    template <typename C, typename R, typename A> struct CallReturn<R (C::*)(A) const>
    {
        using type = R;
    };
    template <typename C, typename R, typename A> struct CallReturn<R (C::*)(A)>
    {
        using type = R;
    };
    /// T() gives T; a work that takes the promise (QPromise<T>&) returns that same T.
    template <typename Work> static auto resultType()
    {
        if constexpr (std::is_invocable_v<Work&>)
            return std::type_identity<std::invoke_result_t<Work&>> {};
        else
            return std::type_identity<typename CallReturn<decltype(&Work::operator())>::type> {};
    }
    template <typename Work> using ResultOf = typename decltype(resultType<Work>())::type;

    void cancelPrevious();
    void setBusy(bool busy);

    quint64 m_generation = 0;
    bool m_busy = false;
    int m_maximum = 0;
    std::function<void()> m_cancelPrevious;
};

} // namespace RagScope
