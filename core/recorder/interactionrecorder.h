#pragma once

#include "interactionrecord.h"
#include "money/costtracker.h"
#include "store/store.h"

#include <QList>
#include <QMutex>
#include <QStringList>

#include <memory>

namespace RagScope {

/// The write path a RAG service links against: validates an interaction, prices it with the
/// CostTracker when no cost is given (an unknown model gets no cost and a warning), and inserts
/// it. Batches go in one transaction. Blocking: call it from a worker thread.
class InteractionRecorder
{
public:
    InteractionRecorder(StorePtr store, CostTracker costs = CostTracker());

    /// Returns the stored id. Errors: InvalidInput (empty user/query, confidence outside 0–1,
    /// negative tokens or latencies), PermissionDenied, store errors.
    Result<QUuid> record(const InteractionRecord& record) const;
    /// All or nothing: every record is validated first, then inserted in one transaction.
    Result<QList<QUuid>> recordBatch(const QList<InteractionRecord>& records) const;

    /// Models seen in record()/recordBatch() that the price table does not know (stored without cost).
    QStringList unpricedModels() const;

    static Status validate(const InteractionRecord& record);

    /// The row as it will be stored: id, created_at, total_tokens and cost filled in where the
    /// caller left them out (cost from the price table; an unknown model is noted, without cost).
    InteractionRecord complete(const InteractionRecord& record) const;

    /// The INSERT of one row, with positional placeholders for insertValues().
    static QString insertSql(Dialect dialect);
    /// The bound values of insertSql() for a complete() record.
    static QVariantList insertValues(Dialect dialect, const InteractionRecord& completed);

private:
    Result<QUuid> insert(const InteractionRecord& record) const;

    // shared by copies and guarded, so one recorder may serve several threads
    struct Unpriced
    {
        QMutex mutex;
        QStringList models;
    };

    StorePtr m_store;
    CostTracker m_costs;
    std::shared_ptr<Unpriced> m_unpriced = std::make_shared<Unpriced>();
};

} // namespace RagScope
