#include "rollupcompletion.h"

#include "rollup/daysketches.h"
#include "rollup/rollupplan.h"
#include "rollup/rolluprebuild.h"
#include "rollup/rollupsql.h"

namespace RagScope {

using namespace RollupSql;

namespace {

// Past every row a snapshot may hold.
const QString End = QStringLiteral("9999-12-31T00:00:00.000000Z");

/// The hour fingerprints (rows or feedback) before `from` and from `to` on, summed per day for the
/// day grain (both bounds then start days).
Result<Fingerprints> outside(
    const Store& store, bool feedback, const QDateTime& from, const QDateTime& to, Grain grain)
{
    const SqlDialect d(store.dialect());
    RAGSCOPE_TRY(before, readFingerprints(store, fingerprints(d, feedback, {}, SqlDialect::isoTime(from))));
    RAGSCOPE_TRY(after, readFingerprints(store, fingerprints(d, feedback, SqlDialect::isoTime(to), End)));
    before.insert(after);
    return grain == Grain::HourModel ? before : perDay(before, End);
}

} // namespace

Status RollupCompletion::run() const
{
    const SqlDialect d(m_store.dialect());
    RAGSCOPE_TRY(horizons, readRollupHorizons(m_store));
    const bool hours = horizons.contains(info(Grain::HourModel).name);
    // The hour grain first: the day sketches of rebuilt days merge their hours' sketches.
    for (const Grain grain : { Grain::HourModel, Grain::DayUser }) {
        const GrainInfo& g = info(grain);
        if (!horizons.contains(g.name))
            continue;
        const QDateTime horizon = horizons.value(g.name).first;
        const QDateTime start = std::min(ceilTo(m_window.from, g.seconds), horizon);
        RAGSCOPE_TRY(rows, outside(m_store, false, start, horizon, grain));
        RAGSCOPE_TRY(feedback, outside(m_store, true, start, horizon, grain));
        const QStringList rowBuckets = rows.keys();
        const QStringList feedbackBuckets = feedback.keys();
        const RollupRebuild rebuild(m_store, grain, RunJoin::Adjacent);
        RebuildProgress progress;
        qint64 latencyRows = 0;
        RAGSCOPE_TRY(built, rebuild.interactions(rowBuckets, &rows, &latencyRows, &progress));
        RAGSCOPE_TRY(counted, rebuild.feedback(feedbackBuckets, feedback));
        if (grain == Grain::DayUser && hours) {
            for (const BucketRun& run : runsOf(rowBuckets, g.seconds, {}, RunJoin::Adjacent)) {
                RAGSCOPE_TRY(sketches, DaySketches(m_store).build(run.from, run.to));
            }
        }
        // past the last rebuilt bucket (buckets between without rows are complete as they are)
        QString last = rowBuckets.isEmpty() ? QString() : rowBuckets.last();
        if (!feedbackBuckets.isEmpty())
            last = std::max(last, feedbackBuckets.last());
        const QDateTime end = last.isEmpty() ? horizon : SqlDialect::parseTime(last).addSecs(g.seconds);
        if (end > horizon) {
            RAGSCOPE_TRY(moved,
                m_store.exec(QStringLiteral("UPDATE ragscope_rollup_horizon SET horizon = %1 WHERE grain = ?")
                                 .arg(d.timeParam()),
                    { d.bindTime(end), g.name }));
        }
    }
    return Done {};
}

} // namespace RagScope
