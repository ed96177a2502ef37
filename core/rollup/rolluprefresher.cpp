#include "rolluprefresher.h"

#include <QCoreApplication>

#include "daymodelrows.h"
#include "daysketches.h"
#include "opendayuserrows.h"
#include "quarteruserrows.h"
#include "rollupchangelog.h"
#include "rollupplan.h"
#include "rolluprebuild.h"
#include "rollupsql.h"
#include "weekuserrows.h"

namespace RagScope {

using namespace RollupSql;

namespace {

/// Where the closed hours and days end for this refresh.
struct Cutoffs
{
    QDateTime now;
    QDateTime hour; ///< the open hour's start
    QString hourText;
    QString day; ///< the open day's start, as text
};

QStringList united(QStringList a, const QStringList& b)
{
    a += b;
    a.removeDuplicates();
    a.sort();
    return a;
}

QString dayOfHour(const QString& hour)
{
    return hour.left(10) + QStringLiteral("T00:00:00.000000Z");
}

/// Bucket texts of every `seconds` step in [from, to).
QStringList bucketsBetween(const QDateTime& from, const QDateTime& to, qint64 seconds)
{
    QStringList out;
    for (QDateTime t = from; t < to; t = t.addSecs(seconds))
        out << SqlDialect::isoTime(t);
    return out;
}

QStringList before(const QStringList& sorted, const QString& cutoff)
{
    QStringList out;
    for (const QString& b : sorted)
        if (b < cutoff)
            out << b;
    return out;
}

/// The refresh tallies, and the four rebuilds of a grain (rows, feedback, and their state).
/// `rowPrints` gains the fingerprints of the buckets the grain stages (RollupRebuild::staged()).
Status rebuildGrain(const RollupRebuild& grain, const QStringList& rows, Fingerprints* rowPrints,
    const QStringList& feedback, const Fingerprints& feedbackPrints, const QDateTime& horizon,
    const QDateTime& now, qint64* latencyRows, RebuildProgress* progress)
{
    RAGSCOPE_TRY(a, grain.interactions(rows, rowPrints, latencyRows, progress));
    RAGSCOPE_TRY(b, grain.feedback(feedback, feedbackPrints));
    RAGSCOPE_TRY(c, grain.state(QStringLiteral("i"), rows, *rowPrints));
    RAGSCOPE_TRY(e, grain.state(QStringLiteral("f"), feedback, feedbackPrints));
    return grain.horizon(horizon, now);
}

/// Whether the store keeps hour × user rows for the open day and week × user rows (migration 0008).
bool keepsUserRollups(const Store& store)
{
    return store.schemaVersion() >= 8;
}

/// The hour grain's rebuild, writing the open day's hour × user rows along where the store keeps them.
RollupRebuild hourRebuild(const Store& store, const Cutoffs& cut, RunJoin join)
{
    RollupRebuild hours(store, Grain::HourModel, join);
    if (keepsUserRollups(store))
        hours.setUserHoursFrom(cut.day);
    return hours;
}

/// The hour × user rows of days that closed go (their day × user rows now hold them); the rest
/// are complete up to the open hour, and so are their per-user sums once `hoursRebuilt`; the week
/// rows match the day rows.
Status closeUserGrains(const Store& store, const Cutoffs& cut, bool hoursRebuilt)
{
    const RollupRebuild users(store, Grain::HourUser, RunJoin::Adjacent);
    RAGSCOPE_TRY(dropped, users.dropBefore(cut.day));
    // A day that closed closed its hours too: they were rebuilt.
    if (const OpenDayUserRows openDay(store); openDay.kept() && hoursRebuilt) {
        RAGSCOPE_TRY(summed, openDay.build());
    }
    RAGSCOPE_TRY(hours, users.horizon(cut.hour, cut.now));
    return RollupRebuild(store, Grain::WeekUser, RunJoin::Adjacent)
        .horizon(SqlDialect::parseTime(cut.day), cut.now);
}

/// What is built from the rebuilt days (sorted bucket texts) rather than from the base tables:
/// the day sketches of `rowDays`, merged from their hours, their weeks' rows, and from migration
/// 0009 the day × model rows of every day whose rows or feedback were rebuilt.
Status rebuildFromDays(
    const Store& store, const QStringList& rowDays, const QStringList& feedbackDays, const Cutoffs& cut)
{
    for (const BucketRun& run : runsOf(rowDays, 86400, {}, RunJoin::Adjacent)) {
        RAGSCOPE_TRY(built, DaySketches(store).build(run.from, run.to));
    }
    if (store.schemaVersion() >= 9) {
        RAGSCOPE_TRY(dayModels, DayModelRows(store).build(united(rowDays, feedbackDays)));
        RAGSCOPE_TRY(horizon,
            RollupRebuild(store, Grain::DayModel, RunJoin::Adjacent)
                .horizon(SqlDialect::parseTime(cut.day), cut.now));
    }
    if (!keepsUserRollups(store))
        return Done {};
    return WeekUserRows(store).build(rowDays);
}

/// Every closed hour's fingerprint against the one its bucket was built from: the first refresh,
/// stores without the change log (SQLite, a role that may not create triggers), and --verify.
Status compareAll(const Store& store, const Cutoffs& cut, RollupRefresh* result, RebuildProgress* progress)
{
    const SqlDialect d(store.dialect());
    RAGSCOPE_TRY(hourRows, readFingerprints(store, fingerprints(d, false, {}, cut.hourText)));
    RAGSCOPE_TRY(hourFeedback, readFingerprints(store, fingerprints(d, true, {}, cut.hourText)));
    Fingerprints dayRows = perDay(hourRows, cut.day);
    const Fingerprints dayFeedback = perDay(hourFeedback, cut.day);

    const RollupRebuild hours = hourRebuild(store, cut, RunJoin::AcrossEmpty);
    const RollupRebuild days(store, Grain::DayUser, RunJoin::AcrossEmpty);
    RAGSCOPE_TRY(storedHourRows, hours.stored(QStringLiteral("i")));
    RAGSCOPE_TRY(storedHourFeedback, hours.stored(QStringLiteral("f")));
    RAGSCOPE_TRY(storedDayRows, days.stored(QStringLiteral("i")));
    RAGSCOPE_TRY(storedDayFeedback, days.stored(QStringLiteral("f")));
    const QStringList feedbackHours = changedBuckets(hourFeedback, storedHourFeedback);
    const QStringList feedbackDays = changedBuckets(dayFeedback, storedDayFeedback);
    QStringList rowHours = changedBuckets(hourRows, storedHourRows);
    QStringList rowDays = changedBuckets(dayRows, storedDayRows);

    // New or changed feedback also changes its interaction's "has feedback" count, in the
    // interaction's own (possibly much older) hour and day.
    // (Skipped on the first refresh, which rebuilds every hour anyway.)
    QStringList touched;
    for (const BucketRun& run : runsOf(storedHourRows.isEmpty() ? QStringList() : feedbackHours, 3600,
             hourFeedback, RunJoin::AcrossEmpty)) {
        const BoundSql q = interactionHoursOfFeedback(d, run.from, run.to);
        RAGSCOPE_TRY(rows, store.exec(q.sql, q.values));
        while (rows.next()) {
            const QString hour = rows.value(0).toString();
            if (hour < cut.hourText) // feedback older than its interaction: odd, not ours to roll
                touched << hour;
        }
    }
    touched.removeDuplicates();
    QStringList touchedDays;
    for (const QString& hour : std::as_const(touched))
        touchedDays << dayOfHour(hour);
    rowHours = united(rowHours, touched);
    rowDays = united(rowDays, before(united(touchedDays, {}), cut.day));

    progress->plan(rowHours, hourRows);
    progress->plan(rowDays, dayRows);
    RAGSCOPE_TRY(h,
        rebuildGrain(hours, rowHours, &hourRows, feedbackHours, hourFeedback, cut.hour, cut.now,
            &result->latencyRows, progress));
    RAGSCOPE_TRY(dd,
        rebuildGrain(days, rowDays, &dayRows, feedbackDays, dayFeedback, SqlDialect::parseTime(cut.day),
            cut.now, &result->latencyRows, progress));
    RAGSCOPE_TRY(ds, rebuildFromDays(store, rowDays, feedbackDays, cut));
    result->hours = int(rowHours.size());
    result->feedbackHours = int(feedbackHours.size());
    result->days = int(rowDays.size());
    result->feedbackDays = int(feedbackDays.size());
    return Done {};
}

/// The hours the change log names, plus the hours (and days) that closed since the last refresh
/// whether logged or not, so nothing written into a then-open hour is missed. Fingerprints are
/// read only for those hours and for every hour of their days, to keep the recorded state true;
/// those of the staged hours come from the rebuild itself (one pass over their rows, not two).
Status rebuildLogged(const Store& store, const RollupChanges& changes, const QDateTime& hourHorizon,
    const QDateTime& dayHorizon, const Cutoffs& cut, RollupRefresh* result, RebuildProgress* progress)
{
    const SqlDialect d(store.dialect());
    const QStringList closingHours = bucketsBetween(hourHorizon, cut.hour, 3600);
    const QStringList closingDays = bucketsBetween(dayHorizon, SqlDialect::parseTime(cut.day), 86400);
    const QStringList rowHours = united(before(changes.interactionHours, cut.hourText), closingHours);
    const QStringList feedbackHours = united(before(changes.feedbackHours, cut.hourText), closingHours);
    const auto daysOf = [&](const QStringList& hours) {
        QStringList days = closingDays;
        for (const QString& hour : hours)
            days << dayOfHour(hour);
        return before(united(days, {}), cut.day);
    };
    const QStringList rowDays = daysOf(rowHours);
    const QStringList feedbackDays = daysOf(feedbackHours);

    QStringList printed = united(rowHours, feedbackHours);
    for (const QString& day : united(rowDays, feedbackDays))
        printed += bucketsBetween(SqlDialect::parseTime(day), SqlDialect::parseTime(day).addDays(1), 3600);
    printed = united(printed, {});
    const RollupRebuild hours = hourRebuild(store, cut, RunJoin::Adjacent);
    const RollupRebuild days(store, Grain::DayUser, RunJoin::Adjacent);
    const QStringList staged = hours.staged(rowHours, {});
    QStringList unstaged;
    for (const QString& hour : std::as_const(printed))
        if (!staged.contains(hour))
            unstaged << hour;
    Fingerprints hourRows, hourFeedback;
    for (const BucketRun& run : runsOf(unstaged, 3600, {}, RunJoin::Adjacent)) {
        RAGSCOPE_TRY(rows, readFingerprints(store, fingerprints(d, false, run.from, run.to)));
        hourRows.insert(rows);
    }
    for (const BucketRun& run : runsOf(printed, 3600, {}, RunJoin::Adjacent)) {
        RAGSCOPE_TRY(feedback, readFingerprints(store, fingerprints(d, true, run.from, run.to)));
        hourFeedback.insert(feedback);
    }
    progress->plan(rowHours, hourRows);
    RAGSCOPE_TRY(h,
        rebuildGrain(hours, rowHours, &hourRows, feedbackHours, hourFeedback, cut.hour, cut.now,
            &result->latencyRows, progress));
    Fingerprints dayRows = perDay(hourRows, cut.day);
    progress->plan(rowDays, dayRows);
    RAGSCOPE_TRY(dd,
        rebuildGrain(days, rowDays, &dayRows, feedbackDays, perDay(hourFeedback, cut.day),
            SqlDialect::parseTime(cut.day), cut.now, &result->latencyRows, progress));
    RAGSCOPE_TRY(ds, rebuildFromDays(store, rowDays, feedbackDays, cut));
    result->hours = int(rowHours.size());
    result->feedbackHours = int(feedbackHours.size());
    result->days = int(rowDays.size());
    result->feedbackDays = int(feedbackDays.size());
    return Done {};
}

} // namespace

QString RollupRefresh::summary() const
{
    if (!refreshed)
        return QStringLiteral("read-only: rollups not refreshed (%1)").arg(readOnlyReason);
    return QStringLiteral(
        "rollups up to %1: rebuilt %2 hours and %3 days of interactions (%4 latency rows sketched),"
        " %5 hours and %6 days of feedback%7")
        .arg(SqlDialect::isoTime(horizon))
        .arg(hours)
        .arg(days)
        .arg(latencyRows)
        .arg(feedbackHours)
        .arg(feedbackDays)
        .arg(usedChangeLog ? QStringLiteral(" (from the change log)") : QString());
}

RollupRefresher::RollupRefresher(StorePtr store)
    : m_store(std::move(store))
{ }

bool RollupRefresher::hasRollupTables(const Store& store)
{
    return store.schemaVersion() >= 4
        && store.exec(QStringLiteral("SELECT 1 FROM ragscope_rollup_horizon WHERE 1 = 0")).ok();
}

Result<RollupRefresh> RollupRefresher::refresh(const QDateTime& now) const
{
    RollupRefresh result;
    if (m_store->isReadOnly()) {
        result.readOnlyReason = m_store->readOnlyReason();
        return result;
    }
    if (!hasRollupTables(*m_store))
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate(
                "RagScope::RollupRefresher", "%1 has no rollup tables (run `ragscope-cli migrate`)")
                .arg(m_store->location().displayName()));
    const Status s = m_store->transaction([&] { return run(now, &result); });
    if (!s.ok()) {
        // A role that may read but not write RagScope's tables: say so, it is not a failure.
        if (s.error().kind != ErrorKind::PermissionDenied)
            return s.error();
        result = RollupRefresh {};
        result.readOnlyReason = s.error().message;
        return result;
    }
    result.refreshed = true;
    return result;
}

Status RollupRefresher::run(const QDateTime& now, RollupRefresh* result) const
{
    Cutoffs cut;
    cut.now = now.toUTC();
    cut.hour = QDateTime(cut.now.date(), QTime(cut.now.time().hour(), 0), Qt::UTC);
    cut.hourText = SqlDialect::isoTime(cut.hour);
    cut.day = SqlDialect::isoTime(QDateTime(cut.now.date(), QTime(0, 0), Qt::UTC));
    if (m_store->dialect()
        == Dialect::Postgres) { // two refreshes at once: the second waits, then finds little to do
        RAGSCOPE_TRY(lock, m_store->exec(QStringLiteral("SELECT pg_advisory_xact_lock(7243002)")));
    }
    const RollupChangeLog log(*m_store);
    RollupChanges changes;
    const bool logged = log.installed();
    if (logged) {
        if (m_verify) {
            RAGSCOPE_TRY(asked, log.requestVerify());
        }
        RAGSCOPE_TRY(read, log.read());
        changes = read;
    }
    RAGSCOPE_TRY(horizons, readRollupHorizons(*m_store));
    // invalid where a grain was never refreshed
    const QDateTime hourHorizon = horizons.value(info(Grain::HourModel).name).first;
    const QDateTime dayHorizon = horizons.value(info(Grain::DayUser).name).first;
    const bool incremental = logged && !changes.verifyAll && hourHorizon.isValid() && dayHorizon.isValid()
        && hourHorizon <= cut.hour && dayHorizon <= SqlDialect::parseTime(cut.day);
    RebuildProgress progress { m_progress };
    if (incremental) {
        RAGSCOPE_TRY(done, rebuildLogged(*m_store, changes, hourHorizon, dayHorizon, cut, result, &progress));
    } else {
        RAGSCOPE_TRY(done, compareAll(*m_store, cut, result, &progress));
    }
    if (keepsUserRollups(*m_store)) {
        RAGSCOPE_TRY(closed, closeUserGrains(*m_store, cut, result->hours > 0));
    }
    if (const QuarterUserRows quarters(*m_store); quarters.kept()) {
        // Days rolled up without their quarters (a first refresh rebuilt every day with them).
        const bool backfill = dayHorizon.isValid() && !horizons.contains(info(Grain::QuarterUser).name);
        RAGSCOPE_TRY(quartered, quarters.complete(cut.day, cut.now, backfill));
    }
    if (logged) {
        RAGSCOPE_TRY(removed, log.remove(changes));
    }
    result->horizon = cut.hour;
    result->usedChangeLog = incremental;
    return Done {};
}

} // namespace RagScope
