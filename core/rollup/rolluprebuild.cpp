#include "rolluprebuild.h"

#include "hoursketches.h"
#include "quarteruserrows.h"
#include "store/multirowinsert.h"

#include <QSet>

namespace RagScope {

using namespace RollupSql;

namespace {

constexpr int StateRowsPerInsert = 200;
const QString StageTable = QStringLiteral("ragscope_hour_rows");

QString shifted(const QString& bucket, qint64 seconds)
{
    return SqlDialect::isoTime(SqlDialect::parseTime(bucket).addSecs(seconds));
}

} // namespace

QList<BucketRun> runsOf(
    const QStringList& sortedBuckets, qint64 seconds, const Fingerprints& current, RunJoin join)
{
    QList<BucketRun> runs;
    for (const QString& b : sortedBuckets) {
        bool split = runs.isEmpty();
        if (!split && join == RunJoin::Adjacent)
            split = runs.last().to != b;
        else if (!split) // rows between the run's end and b
            split = current.lowerBound(runs.last().to) != current.end()
                && current.lowerBound(runs.last().to).key() < b;
        if (split)
            runs.append({ b, {}, {} });
        runs.last().buckets << b;
        runs.last().to = shifted(b, seconds);
    }
    return runs;
}

Result<Fingerprints> readFingerprints(const Store& store, const BoundSql& statement)
{
    RAGSCOPE_TRY(q, store.exec(statement.sql, statement.values));
    Fingerprints f;
    while (q.next())
        f.insert(q.value(0).toString(), { q.value(1).toLongLong(), q.value(2).toLongLong() });
    return f;
}

Fingerprints perDay(const Fingerprints& hours, const QString& dayCutoff)
{
    Fingerprints days;
    for (auto it = hours.begin(); it != hours.end(); ++it) {
        const QString day = it.key().left(10) + QStringLiteral("T00:00:00.000000Z");
        if (day >= dayCutoff)
            continue;
        auto& f = days[day];
        f.first += it.value().first;
        f.second += it.value().second;
    }
    return days;
}

QStringList changedBuckets(const Fingerprints& current, const Fingerprints& stored)
{
    QSet<QString> keys;
    for (auto it = current.begin(); it != current.end(); ++it)
        if (stored.value(it.key(), { -1, 0 }) != it.value())
            keys.insert(it.key());
    for (auto it = stored.begin(); it != stored.end(); ++it)
        if (!current.contains(it.key()))
            keys.insert(it.key());
    QStringList sorted(keys.begin(), keys.end());
    sorted.sort();
    return sorted;
}

RollupRebuild::RollupRebuild(const Store& store, Grain grain, RunJoin join)
    : m_store(store)
    , m_d(store.dialect())
    , m_grain(grain)
    , m_info(info(grain))
    , m_join(join)
{ }

Result<Fingerprints> RollupRebuild::stored(const QString& source) const
{
    return readFingerprints(m_store,
        { QStringLiteral(
              "SELECT %1, rows_n, checksum FROM ragscope_rollup_state WHERE grain = ? AND source = ?")
                .arg(m_d.timeText(QStringLiteral("bucket"))),
            { m_info.name, source } });
}

QList<BucketRun> RollupRebuild::runs(const QStringList& buckets, const Fingerprints& current) const
{
    return runsOf(buckets, m_info.seconds, current, m_join);
}

void RebuildProgress::plan(const QStringList& buckets, const Fingerprints& current)
{
    for (const QString& bucket : buckets)
        total += current.value(bucket).first;
}

void RebuildProgress::replan(
    const QStringList& buckets, const Fingerprints& before, const Fingerprints& after)
{
    for (const QString& bucket : buckets)
        total += after.value(bucket).first - before.value(bucket).first;
}

void RebuildProgress::add(const QStringList& buckets, const Fingerprints& current)
{
    for (const QString& bucket : buckets)
        done += current.value(bucket).first;
    if (report)
        report(done, total);
}

QStringList RollupRebuild::staged(const QStringList& buckets, const Fingerprints& current) const
{
    QStringList out;
    for (const BucketRun& run : runs(buckets, current))
        if (isStaged(run))
            out += run.buckets;
    return out;
}

bool RollupRebuild::isStaged(const BucketRun& run) const
{
    // Hours of new or late rows: every statement of the rebuild then reads the staged copy, not
    // rows scattered over the heap (~one page per row on a large store) and the feedback index.
    // A longer run (a full refresh) streams the base tables instead of copying them.
    return m_info.sketches && run.seconds() < 86'400;
}

Status RollupRebuild::stage(const BucketRun& run, Fingerprints* current) const
{
    // Created empty (PostgreSQL cannot prepare a CREATE TABLE AS with parameters), then filled;
    // kept for the connection, emptied after each run (SQLite may not drop a table while any
    // statement of the connection still reads).
    const QString rows = stagedRows(m_d, run.seconds());
    RAGSCOPE_TRY(create,
        m_store.exec(
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1 AS %2 LIMIT 0").arg(StageTable, rows)));
    RAGSCOPE_TRY(emptied, clearStage());
    RAGSCOPE_TRY(copy,
        m_store.exec(QStringLiteral("INSERT INTO %1 %2 WHERE %3")
                         .arg(StageTable, rows, rangeWhere(QStringLiteral("i"))),
            { run.from, run.to }));
    RAGSCOPE_TRY(prints,
        readFingerprints(m_store,
            { QStringLiteral("SELECT %1, x.n, x.c FROM (SELECT %2 AS b, COUNT(*) AS n,"
                             " CAST(SUM(i.id_checksum) AS BIGINT) AS c FROM %3 i GROUP BY %2) x")
                    .arg(m_d.timeText(QStringLiteral("x.b")),
                        bucketOf(m_d, m_grain, QStringLiteral("i.created_at")), StageTable),
                {} }));
    for (const QString& b : run.buckets)
        current->remove(b); // emptied hours have no fingerprint
    current->insert(prints);
    return Done {};
}

Status RollupRebuild::clearStage() const
{
    // TRUNCATE: a temporary table is never vacuumed, deleted rows would pile up in the session.
    RAGSCOPE_TRY(cleared,
        m_store.exec((m_d.isPostgres() ? QStringLiteral("TRUNCATE %1") : QStringLiteral("DELETE FROM %1"))
                         .arg(StageTable)));
    return Done {};
}

Status RollupRebuild::interactions(
    const QStringList& buckets, Fingerprints* current, qint64* latencyRows, RebuildProgress* progress) const
{
    for (const BucketRun& run : runs(buckets, *current)) {
        RAGSCOPE_TRY(del, deleteBuckets(m_info.table, run));
        const bool staged = isStaged(run);
        const RunSource source = staged ? RunSource { StageTable + QStringLiteral(" i"),
            StageTable + QStringLiteral(" i"), {}, {}, QStringLiteral("i.feedback_") }
                                        : RunSource { QStringLiteral("chat_interactions i"),
                                              interactionsWithFeedback(m_d, true, run.seconds()),
                                              QStringLiteral(" WHERE ") + rangeWhere(QStringLiteral("i")),
                                              { run.from, run.to }, QStringLiteral("f.") };
        if (staged) {
            const Fingerprints before = *current;
            RAGSCOPE_TRY(copied, stage(run, current));
            progress->replan(run.buckets, before, *current);
        }
        if (const QuarterUserRows quarters(m_store); m_grain == Grain::DayUser && quarters.kept()) {
            // One pass over the base rows for both: the quarters, then the days summed from them.
            const GrainInfo& quarter = info(Grain::QuarterUser);
            RAGSCOPE_TRY(delQuarters, deleteBuckets(quarter.table, run));
            RAGSCOPE_TRY(
                insQuarters, insertRows(quarter, Grain::QuarterUser, source, source.where, source.values));
            RAGSCOPE_TRY(days, quarters.sumDays(run.from, run.to));
        } else {
            RAGSCOPE_TRY(ins, insertRows(m_info, m_grain, source, source.where, source.values));
        }
        if (const auto open = openDayPart(run)) {
            RAGSCOPE_TRY(del, deleteBuckets(info(Grain::HourUser).table, *open));
            const QString from = QStringLiteral("i.created_at >= %1").arg(m_d.timeParam());
            RAGSCOPE_TRY(users,
                insertRows(info(Grain::HourUser), Grain::HourUser, source,
                    QString(source.where.isEmpty() ? QStringLiteral(" WHERE ")
                                                   : source.where + QStringLiteral(" AND "))
                        + from,
                    source.values + QVariantList { open->from }));
        }
        if (m_info.sketches) { // hour × model only: ratings by interaction time, latency sketches
            RAGSCOPE_TRY(ratings, ratingRows(run, source));
            HourSketches sketches(m_store);
            RAGSCOPE_TRY(rows, sketches.build(source.rows + source.where, source.values));
            *latencyRows += rows;
        }
        if (staged) {
            RAGSCOPE_TRY(emptied, clearStage());
        }
        progress->add(run.buckets, *current);
    }
    return Done {};
}

Status RollupRebuild::ratingRows(const BucketRun& run, const RunSource& source) const
{
    RAGSCOPE_TRY(del, deleteBuckets(QStringLiteral("ragscope_rollup_rating_hour_model"), run));
    const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("i.created_at"));
    // Only interactions with feedback (the outer join's rows without any are left out).
    const QString withFeedback = QStringLiteral("%1interaction_id IS NOT NULL").arg(source.feedback);
    const QString where = source.where.isEmpty()
        ? QStringLiteral(" WHERE %1").arg(withFeedback)
        : QStringLiteral("%1 AND %2").arg(source.where, withFeedback);
    RAGSCOPE_TRY(ins,
        m_store.exec(QStringLiteral("INSERT INTO ragscope_rollup_rating_hour_model"
                                    " (bucket, model_name, rating, interactions, conf_n, conf_sum)"
                                    " SELECT %1, i.model_name, %2rating, COUNT(*), COUNT(i.confidence_score),"
                                    " COALESCE(SUM(i.confidence_score), 0) FROM %3%4"
                                    " GROUP BY %1, i.model_name, %2rating")
                         .arg(bucket, source.feedback, source.withFeedback, where),
            source.values));
    return Done {};
}

Status RollupRebuild::feedback(const QStringList& buckets, const Fingerprints& current) const
{
    for (const BucketRun& run : runs(buckets, current)) {
        RAGSCOPE_TRY(del, deleteBuckets(m_info.feedbackTable, run));
        RAGSCOPE_TRY(ins, insertFeedback(m_info, m_grain, run.from, run.to));
        if (const auto open = openDayPart(run)) {
            RAGSCOPE_TRY(delUsers, deleteBuckets(info(Grain::HourUser).feedbackTable, *open));
            RAGSCOPE_TRY(users, insertFeedback(info(Grain::HourUser), Grain::HourUser, open->from, open->to));
        }
    }
    return Done {};
}

Status RollupRebuild::insertRows(const GrainInfo& target, Grain grain, const RunSource& source,
    const QString& where, const QVariantList& values) const
{
    const QString bucket = bucketOf(m_d, grain, QStringLiteral("i.created_at"));
    RAGSCOPE_TRY(ins,
        m_store.exec(QStringLiteral("INSERT INTO %1 (bucket, %2, %3) SELECT %4, i.%2, %5"
                                    " FROM %6%7 GROUP BY %4, i.%2")
                         .arg(target.table, target.key, sumColumnNames(m_d), bucket,
                             aggregate(m_d, true, source.feedback), source.withFeedback, where),
            values));
    return Done {};
}

Status RollupRebuild::insertFeedback(
    const GrainInfo& target, Grain grain, const QString& from, const QString& to) const
{
    const QString bucket = bucketOf(m_d, grain, QStringLiteral("f.created_at"));
    RAGSCOPE_TRY(ins,
        m_store.exec(QStringLiteral("INSERT INTO %1 (bucket, %2, rating, feedbacks)"
                                    " SELECT %3, i.%2, f.rating, COUNT(*) FROM chat_feedbacks f"
                                    " JOIN chat_interactions i ON i.id = f.interaction_id"
                                    " WHERE %4 GROUP BY %3, i.%2, f.rating")
                         .arg(target.feedbackTable, target.key, bucket, rangeWhere(QStringLiteral("f"))),
            { from, to }));
    return Done {};
}

std::optional<BucketRun> RollupRebuild::openDayPart(const BucketRun& run) const
{
    if (m_userHoursFrom.isEmpty() || run.to <= m_userHoursFrom)
        return std::nullopt;
    return BucketRun { std::max(run.from, m_userHoursFrom), run.to, {} };
}

Status RollupRebuild::dropBefore(const QString& bucket) const
{
    for (const QString& table : { m_info.table, m_info.feedbackTable }) {
        RAGSCOPE_TRY(del,
            m_store.exec(
                QStringLiteral("DELETE FROM %1 WHERE bucket < %2").arg(table, m_d.timeParam()), { bucket }));
    }
    return Done {};
}

Status RollupRebuild::state(
    const QString& source, const QStringList& buckets, const Fingerprints& current) const
{
    for (const BucketRun& run : runs(buckets, current)) {
        RAGSCOPE_TRY(del,
            m_store.exec(QStringLiteral("DELETE FROM ragscope_rollup_state WHERE grain = ? AND source = ?"
                                        " AND bucket >= %1 AND bucket < %1")
                             .arg(m_d.timeParam()),
                { m_info.name, source, run.from, run.to }));
    }
    MultiRowInsert rows(m_store,
        QStringLiteral("INSERT INTO ragscope_rollup_state (grain, source, bucket, rows_n, checksum) VALUES "),
        QStringLiteral("(?, ?, %1, ?, ?)").arg(m_d.timeParam()), StateRowsPerInsert);
    for (const QString& b : buckets) {
        if (!current.contains(b))
            continue; // emptied: no state, no rows
        RAGSCOPE_TRY(
            added, rows.add({ m_info.name, source, b, current.value(b).first, current.value(b).second }));
    }
    return rows.finish();
}

Status RollupRebuild::horizon(const QDateTime& horizon, const QDateTime& now) const
{
    RAGSCOPE_TRY(del,
        m_store.exec(QStringLiteral("DELETE FROM ragscope_rollup_horizon WHERE grain = ?"), { m_info.name }));
    RAGSCOPE_TRY(ins,
        m_store.exec(QStringLiteral("INSERT INTO ragscope_rollup_horizon (grain, horizon, refreshed_at)"
                                    " VALUES (?, %1, %1)")
                         .arg(m_d.timeParam()),
            { m_info.name, m_d.bindTime(horizon), m_d.bindTime(now) }));
    return Done {};
}

Result<QSqlQuery> RollupRebuild::deleteBuckets(const QString& table, const BucketRun& run) const
{
    return m_store.exec(
        QStringLiteral("DELETE FROM %1 WHERE bucket >= %2 AND bucket < %2").arg(table, m_d.timeParam()),
        { run.from, run.to });
}

QString RollupRebuild::rangeWhere(const QString& alias) const
{
    return QStringLiteral("%1.created_at >= %2 AND %1.created_at < %2").arg(alias, m_d.timeParam());
}

} // namespace RagScope
