#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace RagScope {

/// What the AsyncInteractionRecorder has done so far. Every record accepted by record() ends in
/// exactly one of written, rejected or abandoned (or is still queued); refused ones are dropped.
struct RecorderHealth
{
    qint64 queued = 0; ///< accepted, not yet written (includes the batch being written)
    qint64 capacity = 0; ///< the most that can be queued
    qint64 written = 0; ///< rows the store has
    qint64 dropped = 0; ///< refused by record() because the queue was full
    qint64 rejected = 0; ///< refused by the store row by row (e.g. a duplicate id)
    qint64 abandoned = 0; ///< still queued when shutdown() gave up (store down past its deadline)
    qint64 retries = 0; ///< batch attempts repeated after the store was unreachable
    bool storeReachable = true; ///< false between a failed attempt and the next success
    QString lastError; ///< the newest failure, empty if none
    QDateTime lastErrorAt;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::RecorderHealth)
