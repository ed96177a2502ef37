#pragma once

#include "base/result.h"
#include "rollupsql.h"
#include "store/store.h"

#include <QMap>
#include <QPair>
#include <QStringList>

#include <functional>
#include <optional>

namespace RagScope {

/// bucket text → (rows, checksum) of the base rows in that bucket (RollupSql::fingerprints()).
using Fingerprints = QMap<QString, QPair<qint64, qint64>>;

/// A run of buckets rebuilt by one range statement: [from, to) holds the run's buckets and
/// otherwise only buckets without rows, so no list of buckets is needed and the planners see
/// plain ranges: a full refresh is one scan, a late row in an old hour one index range.
struct BucketRun
{
    QString from;
    QString to;
    QStringList buckets;

    qint64 seconds() const { return SqlDialect::parseTime(from).secsTo(SqlDialect::parseTime(to)); }
};

/// Rows of the rebuilt buckets so far, of all a refresh rebuilds (RollupRefresher::setProgress).
struct RebuildProgress
{
    std::function<void(qint64 done, qint64 total)> report;
    qint64 done = 0;
    qint64 total = 0;
    /// Counts the rows of `buckets` (per `current`) into the total.
    void plan(const QStringList& buckets, const Fingerprints& current);
    /// Counts them per `after` instead of per `before`.
    void replan(const QStringList& buckets, const Fingerprints& before, const Fingerprints& after);
    /// Counts them as done and reports.
    void add(const QStringList& buckets, const Fingerprints& current);
};

/// When two changed buckets may share a run.
enum class RunJoin {
    AcrossEmpty, ///< no bucket between them has rows in the fingerprints (they cover every bucket)
    Adjacent, ///< only back to back (the fingerprints cover just the changed buckets)
};

/// `sortedBuckets` (of `seconds` each) grouped into runs.
QList<BucketRun> runsOf(
    const QStringList& sortedBuckets, qint64 seconds, const Fingerprints& current, RunJoin join);

Result<Fingerprints> readFingerprints(const Store& store, const BoundSql& statement);

/// Hour fingerprints summed per day, for the days that closed before `dayCutoff`.
Fingerprints perDay(const Fingerprints& hours, const QString& dayCutoff);

/// Buckets whose fingerprint differs (including buckets that appeared or emptied), sorted.
QStringList changedBuckets(const Fingerprints& current, const Fingerprints& stored);

/// Where the statements of one run read its interactions: the stage or the base tables.
struct RunSource
{
    QString rows; ///< FROM clause of the interactions alone (alias i)
    QString withFeedback; ///< FROM clause of the interactions with their feedback (aliases i, f)
    QString where; ///< " WHERE …" (the run's range) or empty
    QVariantList values; ///< bound to `where`
    QString feedback; ///< prefix of the feedback's interaction_id and rating columns
};

/// Rebuilds the rollup rows, feedback counts and recorded fingerprints of one grain's buckets.
class RollupRebuild
{
public:
    RollupRebuild(const Store& store, RollupSql::Grain grain, RunJoin join);

    /// The fingerprints the buckets of this grain were built from ("i" or "f" rows).
    Result<Fingerprints> stored(const QString& source) const;
    /// The buckets of `buckets` that interactions() reads through a stage (hour grain, runs shorter
    /// than a day): it sets their fingerprints itself, from the rows it rebuilt them from.
    QStringList staged(const QStringList& buckets, const Fingerprints& current) const;
    /// Replaces the interaction rollup rows of `buckets` (sketches included), adding each run's rows
    /// to `progress`. `current` must hold the fingerprints of all but the staged() buckets; those
    /// are set here.
    Status interactions(const QStringList& buckets, Fingerprints* current, qint64* latencyRows,
        RebuildProgress* progress) const;
    /// Replaces the feedback counts of `buckets` (of the feedback's own created_at).
    Status feedback(const QStringList& buckets, const Fingerprints& current) const;
    /// Records the fingerprints the rebuilt `buckets` now reflect.
    Status state(const QString& source, const QStringList& buckets, const Fingerprints& current) const;
    /// This grain is complete before `horizon`.
    Status horizon(const QDateTime& horizon, const QDateTime& now) const;
    /// Hour grain: interactions() and feedback() also write the hour × user rows (migration 0008)
    /// of the rebuilt hours from `openDay` (bucket text) on, from the same source.
    void setUserHoursFrom(const QString& openDay) { m_userHoursFrom = openDay; }
    /// Deletes this grain's rows and feedback counts before `bucket` (the hour × user rows of days
    /// that closed).
    Status dropBefore(const QString& bucket) const;

private:
    QList<BucketRun> runs(const QStringList& buckets, const Fingerprints& current) const;
    bool isStaged(const BucketRun& run) const;
    /// Copies the run's interactions, each with its feedback, into a temporary table (probing the
    /// base tables once instead of once per statement) and sets the run's fingerprints from it.
    Status stage(const BucketRun& run, Fingerprints* current) const;
    Status clearStage() const;
    /// ragscope_rollup_rating_hour_model of one run (migration 0005).
    Status ratingRows(const BucketRun& run, const RunSource& source) const;
    /// The rows of `target`'s grain from `source` (its WHERE widened by `where`, bound to `values`).
    Status insertRows(const RollupSql::GrainInfo& target, RollupSql::Grain grain, const RunSource& source,
        const QString& where, const QVariantList& values) const;
    /// The feedback counts of `target`'s grain for the feedback in [from, to).
    Status insertFeedback(const RollupSql::GrainInfo& target, RollupSql::Grain grain, const QString& from,
        const QString& to) const;
    /// The part of `run` from m_userHoursFrom on (empty when none).
    std::optional<BucketRun> openDayPart(const BucketRun& run) const;
    Result<QSqlQuery> deleteBuckets(const QString& table, const BucketRun& run) const;
    QString rangeWhere(const QString& alias) const;

    const Store& m_store;
    SqlDialect m_d;
    RollupSql::Grain m_grain;
    const RollupSql::GrainInfo& m_info;
    RunJoin m_join;
    QString m_userHoursFrom;
};

} // namespace RagScope
