#pragma once

#include "batchwriter.h"
#include "interactionrecorder.h"
#include "recorderhealth.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QWaitCondition>

#include <chrono>
#include <deque>
#include <memory>

class QThread;

namespace RagScope {

/// The non-blocking write path for a RAG service: record() validates, gives the row its id and
/// time and queues it; one writer thread with its own connection writes queued rows in batches
/// (BatchWriter), pricing them with the CostTracker. When the store is away the writer keeps the
/// batch and retries with capped exponential backoff; what does not fit in the bounded queue
/// meanwhile is dropped and counted, never silently. Thread-safe: any number of producers.
class AsyncInteractionRecorder
{
public:
    struct Options
    {
        qsizetype capacity = 100'000; ///< queued records held while the store is slow or away
        qsizetype batchSize = 1'000; ///< rows per write
        std::chrono::milliseconds minBackoff { 50 };
        std::chrono::milliseconds maxBackoff { 5'000 };
    };

    AsyncInteractionRecorder(StorePtr store, CostTracker costs, Options options);
    explicit AsyncInteractionRecorder(StorePtr store)
        : AsyncInteractionRecorder(std::move(store), CostTracker(), Options())
    { }
    /// shutdown() with a 10 s deadline, if not done yet.
    ~AsyncInteractionRecorder();
    AsyncInteractionRecorder(const AsyncInteractionRecorder&) = delete;
    AsyncInteractionRecorder& operator=(const AsyncInteractionRecorder&) = delete;

    /// Never waits on the database. Returns the id the row will have (the caller's, or a new
    /// one). Errors: InvalidInput (InteractionRecorder::validate), Unreachable when the queue is
    /// full (the record is dropped and counted) or the recorder is shut down.
    Result<QUuid> record(const InteractionRecord& record);

    /// Waits until everything queued before the call has been handled (written or rejected).
    /// False when the deadline came first (the store is away, say).
    bool flush(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    /// Stops accepting, writes what is queued (retrying until `deadline`), stops the writer.
    /// The returned health's `abandoned` says how many records could not be written. Idempotent.
    RecorderHealth shutdown(QDeadlineTimer deadline = QDeadlineTimer(10'000));

    RecorderHealth health() const;
    /// Models without a price seen so far (stored without cost).
    QStringList unpricedModels() const { return m_completer.unpricedModels(); }

private:
    void run();
    /// Writes `batch`, retrying while the store is away; false when shutdown's deadline passed.
    bool writeWithRetry(const QList<InteractionRecord>& batch);
    /// After the store refused a whole batch: row by row, so one bad row costs only itself.
    bool writeRowByRow(const QList<InteractionRecord>& batch);
    void noteFailure(const Error& error);
    void settle(qint64 written, qint64 rejected);
    bool giveUp() const;

    InteractionRecorder m_completer;
    BatchWriter m_writer;
    Options m_options;

    mutable QMutex m_mutex;
    QWaitCondition m_work; // writer: records to write, or stop
    QWaitCondition m_settled; // flush(): a batch was handled
    std::deque<InteractionRecord> m_queue;
    qint64 m_inFlight = 0; // taken by the writer, not yet settled
    qint64 m_accepted = 0; // every record ever queued (flush waits for its own mark)
    qint64 m_handled = 0; // written + rejected + abandoned
    bool m_writerWaiting = false;
    bool m_stopping = false;
    QDeadlineTimer m_stopDeadline;
    RecorderHealth m_health;
    std::unique_ptr<QThread> m_thread;
};

} // namespace RagScope
