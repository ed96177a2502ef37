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
