#include "asyncinteractionrecorder.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcAsyncRecorder, "ragscope.recorder.async")

namespace RagScope {

namespace {

// The store is away (or refuses us for now): keep the batch and try again later. A Query error
// is the store refusing the rows themselves, which trying again would not change.
bool worthRetrying(const Error& error)
{
    // SQLite reports a writer that held the lock past the busy timeout as a plain query error
    if (error.message.contains(QLatin1String("database is locked")))
        return true;
    return error.kind != ErrorKind::Query && error.kind != ErrorKind::InvalidInput
        && error.kind != ErrorKind::Internal;
}

} // namespace

AsyncInteractionRecorder::AsyncInteractionRecorder(StorePtr store, CostTracker costs, Options options)
    : m_completer(store, std::move(costs))
    , m_writer(store)
    , m_options(options)
{
    m_options.capacity = std::max<qsizetype>(1, m_options.capacity);
    m_options.batchSize = std::max<qsizetype>(1, m_options.batchSize);
    m_health.capacity = m_options.capacity;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("ragscope-recorder"));
    m_thread->start();
}

AsyncInteractionRecorder::~AsyncInteractionRecorder()
{
    shutdown();
}

Result<QUuid> AsyncInteractionRecorder::record(const InteractionRecord& record)
{
    if (const Status valid = InteractionRecorder::validate(record); !valid.ok())
        return valid.error();
    InteractionRecord queued = record;
    if (queued.id.isNull())
        queued.id = QUuid::createUuid();
    if (!queued.createdAt.isValid()) // the time of the answer, not of the write
        queued.createdAt = QDateTime::currentDateTimeUtc();
    const QUuid id = queued.id;

    QMutexLocker lock(&m_mutex);
    if (m_stopping)
        return makeError(ErrorKind::Unreachable,
            QCoreApplication::translate("RagScope::AsyncInteractionRecorder", "the recorder is shut down"));
    if (qsizetype(m_queue.size()) + m_inFlight >= m_options.capacity) {
        ++m_health.dropped;
        return makeError(ErrorKind::Unreachable,
            QCoreApplication::translate("RagScope::AsyncInteractionRecorder",
                "the recorder's queue is full (%1 records wait for the store): interaction dropped")
                .arg(m_options.capacity));
    }
    m_queue.push_back(std::move(queued));
    ++m_accepted;
    if (m_writerWaiting) { // one wake-up per idle period, not one per record
        m_writerWaiting = false;
        m_work.wakeOne();
    }
    return id;
}

bool AsyncInteractionRecorder::flush(QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    const qint64 mark = m_accepted;
    while (m_handled < mark) {
        if (!m_settled.wait(&m_mutex, deadline))
            return m_handled >= mark;
    }
    return true;
}

RecorderHealth AsyncInteractionRecorder::shutdown(QDeadlineTimer deadline)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stopping) {
            m_stopping = true;
            m_stopDeadline = deadline;
            m_work.wakeAll();
        }
    }
    // A statement the server holds (a locked table) is not interrupted: the deadline applies
    // between attempts.
    m_thread->wait();
    return health();
}

RecorderHealth AsyncInteractionRecorder::health() const
{
    QMutexLocker lock(&m_mutex);
    RecorderHealth h = m_health;
    h.queued = qint64(m_queue.size()) + m_inFlight;
    return h;
}

bool AsyncInteractionRecorder::giveUp() const
{
    return m_stopping && m_stopDeadline.hasExpired();
}

void AsyncInteractionRecorder::run()
{
    for (;;) {
        std::deque<InteractionRecord> taken;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping) {
                m_writerWaiting = true;
                m_work.wait(&m_mutex);
            }
            m_writerWaiting = false;
            if (m_queue.empty())
                return; // stopping, and everything is written
            // O(1) under the producers' mutex: the batches are cut outside it.
            taken.swap(m_queue);
            m_inFlight = qint64(taken.size());
        }
        while (!taken.empty()) {
            QList<InteractionRecord> batch;
            const qsizetype n = std::min<qsizetype>(m_options.batchSize, qsizetype(taken.size()));
            batch.reserve(n);
            for (qsizetype i = 0; i < n; ++i) {
                batch << m_completer.complete(taken.front()); // priced here, off the producers' path
                taken.pop_front();
            }
            if (!writeWithRetry(batch)) {
                QMutexLocker lock(&m_mutex);
                const qint64 left = m_inFlight + qint64(m_queue.size());
                m_health.abandoned += left;
                m_handled += left;
                m_inFlight = 0;
                m_queue.clear();
                m_settled.wakeAll();
                qCWarning(lcAsyncRecorder)
                    << "shutdown deadline passed:" << left << "interactions not written";
                return;
            }
        }
    }
}

bool AsyncInteractionRecorder::writeWithRetry(const QList<InteractionRecord>& batch)
{
    auto backoff = m_options.minBackoff;
    for (;;) {
        const Status written = m_writer.write(batch);
        if (written.ok()) {
            settle(batch.size(), 0);
            return true;
        }
        if (!worthRetrying(written.error()))
            return writeRowByRow(batch);
        QMutexLocker lock(&m_mutex);
        noteFailure(written.error());
        ++m_health.retries;
        if (giveUp())
            return false;
        // Sleeps until the backoff ends or shutdown's deadline, whichever is first.
        QDeadlineTimer wake(backoff);
        if (m_stopping && m_stopDeadline < wake)
            wake = m_stopDeadline;
        while (!wake.hasExpired() && !giveUp())
            m_work.wait(&m_mutex, wake);
        if (giveUp())
            return false;
        backoff = std::min(backoff * 2, m_options.maxBackoff);
    }
}

bool AsyncInteractionRecorder::writeRowByRow(const QList<InteractionRecord>& batch)
{
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Status row = m_writer.write({ batch[i] });
        if (row.ok()) {
            settle(1, 0);
            continue;
        }
        if (worthRetrying(row.error())) // the store went away meanwhile: the rest waits for it
            return writeWithRetry(batch.mid(i));
        QMutexLocker lock(&m_mutex);
        noteFailure(row.error());
        lock.unlock();
        qCWarning(lcAsyncRecorder).noquote() << "interaction" << batch[i].id.toString(QUuid::WithoutBraces)
                                             << "refused by the store:" << row.error().message;
        settle(0, 1);
    }
    return true;
}

void AsyncInteractionRecorder::noteFailure(const Error& error)
{
    m_health.lastError = error.message;
    m_health.lastErrorAt = QDateTime::currentDateTimeUtc();
    m_health.storeReachable = !worthRetrying(error);
}

void AsyncInteractionRecorder::settle(qint64 written, qint64 rejected)
{
    QMutexLocker lock(&m_mutex);
    m_health.written += written;
    m_health.rejected += rejected;
    if (written > 0)
        m_health.storeReachable = true;
    m_handled += written + rejected;
    m_inFlight -= written + rejected;
    m_settled.wakeAll();
}

} // namespace RagScope
