#pragma once

#include "interactionrecord.h"
#include "store/store.h"

#include <QList>

namespace RagScope {

/// Writes a batch of complete interactions (InteractionRecorder::complete()) in one round trip
/// where the store allows it: on PostgreSQL one `COPY chat_interactions FROM STDIN` through
/// libpq on the calling thread's connection (measured against multi-row INSERT in
/// bench/run-recorder-bench: COPY was faster), on SQLite one prepared INSERT reused inside
/// one transaction. All or nothing. Blocking: the AsyncInteractionRecorder's writer thread.
class BatchWriter
{
public:
    explicit BatchWriter(StorePtr store);

    /// Errors: ConnectionLost/Unreachable/… when the store is away (retry later), Query when the
    /// store refused a row (a duplicate id, say): then no row of the batch was written.
    Status write(const QList<InteractionRecord>& completed) const;

    /// The text-format COPY data of `completed` (tab-separated, \N for NULL), for COPY FROM STDIN.
    static QByteArray copyData(const QList<InteractionRecord>& completed);

private:
    Status copyPostgres(const QList<InteractionRecord>& completed) const;
    Status insertSqlite(const QList<InteractionRecord>& completed) const;

    StorePtr m_store;
};

} // namespace RagScope
