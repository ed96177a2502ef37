#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QList>
#include <QStringList>

namespace RagScope {

/// What the change log held when a refresh read it.
struct RollupChanges
{
    QList<qint64> seqs; ///< the log rows read: removed when the refresh commits, the rest stay
    bool verifyAll = false; ///< compare every hour's fingerprint (after the migration, or asked)
    QStringList interactionHours; ///< sorted bucket texts of hours whose interactions changed
    QStringList feedbackHours; ///< sorted bucket texts of hours whose feedback changed
};

/// The change log that migration 0005's triggers fill on PostgreSQL (ragscope_rollup_dirty): the
/// hours each statement on chat_interactions / chat_feedbacks touched. Rows committed while a
/// refresh runs are not among those it read, so they stay for the next one.
class RollupChangeLog
{
public:
    explicit RollupChangeLog(const Store& store)
        : m_store(store)
    { }

    /// Whether all six triggers exist and are enabled (else refreshes compare fingerprints).
    bool installed() const;
    Result<RollupChanges> read() const;
    /// Removes exactly the log rows `changes` was read from.
    Status remove(const RollupChanges& changes) const;
    /// Asks the next refresh to compare every hour's fingerprint (`ragscope-cli rollup --verify`).
    Status requestVerify() const;

private:
    const Store& m_store;
};

} // namespace RagScope
