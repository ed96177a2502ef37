#pragma once

#include "alertrule.h"
#include "alertsample.h"
#include "base/result.h"
#include "store/store.h"

#include <QDateTime>

#include <map>

namespace RagScope {

/// Reads AlertSamples for a rule's kind of question, aggregated in SQL: from the hour × model
/// rollups (migration 0004) for the whole hours they cover, and from chat_interactions /
/// chat_feedbacks with GROUP BY for the rest (edges, hours after the rollup horizon, stores
/// without rollups, per-user groups, a confidence cut the rollup buckets cannot express).
/// Latency of raw rows is bucketed by LatencySketch's own log buckets in SQL, so raw and rolled-up
/// hours merge alike and no row travels to C++. Blocking: call it from a worker thread.
class AlertSampler
{
public:
    /// Group key ("" for no grouping and for interactions without a model) → sample.
    using Groups = std::map<QString, AlertSample>;
    /// Per group, one sample per hour from the first hour asked for (index 0).
    using HourlyGroups = std::map<QString, std::vector<AlertSample>>;

    AlertSampler(StorePtr store, const AlertRule& rule);

    /// One sample per group over [from, to).
    Result<Groups> window(const QDateTime& from, const QDateTime& to) const;
    /// Hourly samples per group over [from, to); both must be whole UTC hours.
    Result<HourlyGroups> hourly(const QDateTime& from, const QDateTime& to) const;
    /// Whether the last call read any rollup rows (for reports and tests).
    bool usedRollups() const { return m_usedRollups; }

    static QDateTime floorHour(const QDateTime& t);
    static QDateTime ceilHour(const QDateTime& t);

private:
    /// Cells keyed by (hour start in seconds, or the window start; group).
    using Cells = std::map<std::pair<qint64, QString>, AlertSample>;
    Status collect(const QDateTime& from, const QDateTime& to, bool hourly, Cells* cells) const;
    Result<std::optional<QDateTime>> rollupHorizon() const;
    Status readRollups(
        const QDateTime& from, const QDateTime& to, std::optional<qint64> windowKey, Cells* cells) const;
    Status readRaw(
        const QDateTime& from, const QDateTime& to, std::optional<qint64> windowKey, Cells* cells) const;
    QString groupExpression() const;

    StorePtr m_store;
    AlertRule m_rule;
    mutable bool m_usedRollups = false;
};

} // namespace RagScope
