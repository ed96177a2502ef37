#pragma once

#include "alertresult.h"
#include "base/result.h"
#include "store/store.h"

#include <QDateTime>
#include <QList>

namespace RagScope {

/// Every rule's state as of a moment: each rule's window ends at `at` (a past moment
/// backtests). Per group where the rule says so; a rule without any data is one OK result with
/// the note "no data". Reads through AlertSampler (rollups where they exist, SQL aggregates
/// otherwise). Blocking: call it from a worker thread.
class AlertEvaluator
{
public:
    explicit AlertEvaluator(StorePtr store);

    Result<QList<AlertResult>> evaluate(const QList<AlertRule>& rules, const QDateTime& at) const;
    Result<QList<AlertResult>> evaluate(const AlertRule& rule, const QDateTime& at) const;

    /// The interactions behind a result: the window, narrowed to the group's model or user.
    static Filter groupFilter(
        const AlertRule& rule, const QString& group, const QDateTime& from, const QDateTime& to);
    /// The worst state of `results` (OK for none).
    static AlertState worst(const QList<AlertResult>& results);

private:
    StorePtr m_store;
};

} // namespace RagScope
