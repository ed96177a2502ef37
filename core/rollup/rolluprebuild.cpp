#include "rolluprebuild.h"

#include "hoursketches.h"
#include "store/multirowinsert.h"

#include <QSet>

namespace RagScope {

using namespace RollupSql;

namespace {

constexpr int StateRowsPerInsert = 200;

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

void RebuildProgress::add(const QStringList& buckets, const Fingerprints& current)
{
    for (const QString& bucket : buckets)
        done += current.value(bucket).first;
    if (report)
        report(done, total);
}

Status RollupRebuild::interactions(const QStringList& buckets, const Fingerprints& current,
    qint64* latencyRows, RebuildProgress* progress) const
{
    for (const BucketRun& run : runs(buckets, current)) {
        RAGSCOPE_TRY(del, deleteBuckets(m_info.table, run));
        const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("i.created_at"));
        RAGSCOPE_TRY(ins,
            m_store.exec(
                QStringLiteral("INSERT INTO %1 (bucket, %2, %3) SELECT %4, i.%2, %5"
                               " FROM %6 WHERE %7 GROUP BY %4, i.%2")
                    .arg(m_info.table, m_info.key, sumColumnNames(m_d), bucket, aggregate(m_d, true),
                        interactionsWithFeedback(m_d, true, run.seconds()), rangeWhere(QStringLiteral("i"))),
                { run.from, run.to }));
        if (m_info.sketches) { // hour × model only: ratings by interaction time, latency sketches
            RAGSCOPE_TRY(ratings, ratingRows(run));
            HourSketches sketches(m_store);
            RAGSCOPE_TRY(rows, sketches.build(run.from, run.to));
            *latencyRows += rows;
        }
        progress->add(run.buckets, current);
    }
    return Done {};
}

Status RollupRebuild::ratingRows(const BucketRun& run) const
{
    RAGSCOPE_TRY(del, deleteBuckets(QStringLiteral("ragscope_rollup_rating_hour_model"), run));
    const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("i.created_at"));
    RAGSCOPE_TRY(ins,
        m_store.exec(QStringLiteral("INSERT INTO ragscope_rollup_rating_hour_model"
                                    " (bucket, model_name, rating, interactions, conf_n, conf_sum)"
                                    " SELECT %1, i.model_name, f.rating, COUNT(*), COUNT(i.confidence_score),"
                                    " COALESCE(SUM(i.confidence_score), 0) FROM %2 WHERE %3"
                                    " GROUP BY %1, i.model_name, f.rating")
                         .arg(bucket, interactionsWithFeedback(m_d, false, run.seconds()),
                             rangeWhere(QStringLiteral("i"))),
            { run.from, run.to }));
    return Done {};
}

Status RollupRebuild::feedback(const QStringList& buckets, const Fingerprints& current) const
{
    for (const BucketRun& run : runs(buckets, current)) {
        RAGSCOPE_TRY(del, deleteBuckets(m_info.feedbackTable, run));
        const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("f.created_at"));
        RAGSCOPE_TRY(ins,
            m_store.exec(QStringLiteral("INSERT INTO %1 (bucket, %2, rating, feedbacks)"
                                        " SELECT %3, i.%2, f.rating, COUNT(*) FROM chat_feedbacks f"
                                        " JOIN chat_interactions i ON i.id = f.interaction_id"
                                        " WHERE %4 GROUP BY %3, i.%2, f.rating")
                             .arg(m_info.feedbackTable, m_info.key, bucket, rangeWhere(QStringLiteral("f"))),
                { run.from, run.to }));
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
