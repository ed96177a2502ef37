#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QDateTime>
#include <QString>

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
    QString summary() const; ///< one line for humans
};

/// Brings RagScope's rollup tables (migration 0004) up to date, incrementally and idempotently.
///
/// Change detection: for every closed hour, a fingerprint of the base rows — their count and the
/// sum of a 32-bit hash of their ids (of id × rating for feedback) — computed from the
/// (created_at, id[, rating]) indexes alone, compared with the fingerprint each bucket was built
/// from. A row inserted late with an old created_at, a deleted row, a new or re-rated feedback
/// (whatever its interaction's age) changes its hour's fingerprint, and only those hours (and
/// their days, and the hours of the interactions that feedback belongs to) are rebuilt. Not seen:
/// an UPDATE of an interaction's other columns in place (backends do not do that), and two
/// changes in one hour whose hashes cancel exactly. The open hour (and the open day) is never
/// rolled up; readers take it raw.
///
/// A row committed into a closed hour while a refresh runs is caught by the next one: the
/// fingerprint recorded is the one read before the rebuild, so it no longer matches.
///
/// All aggregation runs in SQL; latency sketches are built here from the streamed latencies of
/// the rebuilt hours only. One transaction per refresh (serialized by an advisory lock on
/// PostgreSQL). Blocking: call it from a worker thread or the CLI.
class RollupRefresher
{
public:
    explicit RollupRefresher(StorePtr store);

    /// `now` decides the open hour (tests pass their own).
    Result<RollupRefresh> refresh(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    /// Whether the store has the rollup tables (migration 0004 applied).
    static bool hasRollupTables(const Store& store);

private:
    Status run(const QDateTime& now, RollupRefresh* result) const;

    StorePtr m_store;
};

} // namespace RagScope
