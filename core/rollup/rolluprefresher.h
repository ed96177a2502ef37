#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace RagScope {

/// What one RollupRefresher::refresh() did.
struct RollupRefresh
{
    bool refreshed = false; ///< false: the store may not be written, nothing changed
    QString readOnlyReason; ///< why, when not refreshed
    QDateTime horizon; ///< hour rollups now cover everything before this (the open hour's start)
    int hours = 0; ///< hour × model buckets rebuilt
    int feedbackHours = 0; ///< hours of feedback counts rebuilt
    int days = 0; ///< day × user buckets rebuilt
    int feedbackDays = 0; ///< days of feedback counts rebuilt
    qint64 latencyRows = 0; ///< interactions streamed into latency sketches
    bool usedChangeLog = false; ///< rebuilt the logged hours only (else compared every fingerprint)
    QString summary() const; ///< one line for humans
};

/// Brings RagScope's rollup tables (migrations 0004, 0005) up to date, incrementally and idempotently.
///
/// Change detection, two ways:
/// - The change log (PostgreSQL, migration 0005): triggers on the backend's tables log the hours
///   each statement touched; a refresh rebuilds those hours, the hours that closed since the last
///   refresh, and their days. Cost grows with what changed, not with the store.
/// - Fingerprints (SQLite, roles that may not create triggers, the first refresh after the
///   migration, --verify): for every closed hour, the count of its base rows and the sum of a
///   32-bit hash of their ids (of id × rating for feedback), read from the (created_at, id[,
///   rating]) indexes alone and compared with the fingerprint each bucket was built from. Not seen
///   this way: an UPDATE of an interaction's other columns in place (backends do not do that), and
///   two changes in one hour whose hashes cancel exactly.
/// Either way a late insert with an old created_at, a deletion, new or re-rated feedback (whatever
/// its interaction's age) rebuilds only its hours, their days, and the hours of the interactions
/// that feedback belongs to. The open hour (and the open day) is never rolled up; readers take it
/// raw. A row committed into a closed hour while a refresh runs is caught by the next one.
///
/// All aggregation runs in SQL; latency sketches are built here from the streamed latencies of
/// the rebuilt hours only. Hours rebuilt in runs shorter than a day (new, late or re-rated rows)
/// are first copied with their feedback into a temporary table, and every statement of the
/// rebuild (and the hours' fingerprints) reads that copy: the base tables are read once. One
/// transaction per refresh (serialized by an advisory lock on PostgreSQL). Blocking: call it
/// from a worker thread or the CLI.
class RollupRefresher
{
public:
    explicit RollupRefresher(StorePtr store);

    /// `now` decides the open hour (tests pass their own).
    Result<RollupRefresh> refresh(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    /// Compare every hour's fingerprint on the next refresh even where the change log exists.
    void setVerify(bool verify) { m_verify = verify; }
    /// Called after each run of buckets with the interactions rebuilt so far (hour grain, then
    /// day grain) of all this refresh rebuilds.
    void setProgress(std::function<void(qint64 done, qint64 total)> progress)
    {
        m_progress = std::move(progress);
    }

    /// Whether the store has the rollup tables (migration 0004 applied).
    static bool hasRollupTables(const Store& store);

private:
    Status run(const QDateTime& now, RollupRefresh* result) const;

    StorePtr m_store;
    bool m_verify = false;
    std::function<void(qint64, qint64)> m_progress;
};

} // namespace RagScope
