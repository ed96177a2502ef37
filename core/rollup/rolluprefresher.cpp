#include "rolluprefresher.h"

#include "hoursketches.h"
#include "rollupsql.h"

#include <QMap>
#include <QSet>

namespace RagScope {

using namespace RollupSql;

namespace {

/// bucket text → (rows, checksum)
using Fingerprints = QMap<QString, QPair<qint64, qint64>>;

/// A run of changed buckets rebuilt by one range statement: [from, to) holds the run's buckets
/// and otherwise only buckets without rows, so no list of buckets is needed and the planners see
/// plain ranges: a full refresh is one scan, a late row in an old hour one index range.
struct Run
{
    QString from;
    QString to;
    QStringList buckets;
};

constexpr int StateRowsPerInsert = 200;

QString shifted(const QString& bucket, qint64 seconds)
{
    return SqlDialect::isoTime(SqlDialect::parseTime(bucket).addSecs(seconds));
}

/// `sortedBuckets` grouped into runs; two buckets share a run when no bucket between them has
/// rows in `current`.
QList<Run> runsOf(const QStringList& sortedBuckets, qint64 seconds, const Fingerprints& current)
{
    QList<Run> runs;
    for (const QString& b : sortedBuckets) {
        const bool rowsBetween = !runs.isEmpty() && current.lowerBound(runs.last().to) != current.end()
            && current.lowerBound(runs.last().to).key() < b;
        if (runs.isEmpty() || rowsBetween)
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

/// Hour fingerprints summed per day, for the days that closed before `dayCutoff`.
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

/// Buckets whose fingerprint differs (including buckets that appeared or emptied), sorted.
QStringList changed(const Fingerprints& current, const Fingerprints& stored)
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

class Rebuild
{
public:
    Rebuild(const Store& store, Grain grain)
        : m_store(store)
        , m_d(store.dialect())
        , m_grain(grain)
        , m_info(info(grain))
    { }

    Result<Fingerprints> stored(const QString& source) const
    {
        return readFingerprints(m_store,
            { QStringLiteral(
                  "SELECT %1, rows_n, checksum FROM ragscope_rollup_state WHERE grain = ? AND source = ?")
                    .arg(m_d.timeText(QStringLiteral("bucket"))),
                { m_info.name, source } });
    }

    /// Replaces the interaction rollup rows of `buckets` (sketches included).
    Status interactions(const QStringList& buckets, const Fingerprints& current, qint64* latencyRows) const
    {
        for (const Run& run : runsOf(buckets, m_info.seconds, current)) {
            RAGSCOPE_TRY(del, deleteBuckets(m_info.table, run));
            const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("i.created_at"));
            RAGSCOPE_TRY(ins,
                m_store.exec(QStringLiteral("INSERT INTO %1 (bucket, %2, %3) SELECT %4, i.%2, %5"
                                            " FROM chat_interactions i LEFT JOIN chat_feedbacks f"
                                            " ON f.interaction_id = i.id WHERE %6 GROUP BY %4, i.%2")
                                 .arg(m_info.table, m_info.key, sumColumnNames(m_d), bucket,
                                     aggregate(m_d, true), rangeWhere(QStringLiteral("i"))),
                    rangeValues(run)));
            if (m_info.sketches) {
                HourSketches sketches(m_store);
                RAGSCOPE_TRY(rows, sketches.build(run.from, run.to));
                *latencyRows += rows;
            }
        }
        return Done {};
    }

    /// Replaces the feedback counts of `buckets` (of the feedback's own created_at).
    Status feedback(const QStringList& buckets, const Fingerprints& current) const
    {
        for (const Run& run : runsOf(buckets, m_info.seconds, current)) {
            RAGSCOPE_TRY(del, deleteBuckets(m_info.feedbackTable, run));
            const QString bucket = bucketOf(m_d, m_grain, QStringLiteral("f.created_at"));
            RAGSCOPE_TRY(ins,
                m_store.exec(
                    QStringLiteral("INSERT INTO %1 (bucket, %2, rating, feedbacks)"
                                   " SELECT %3, i.%2, f.rating, COUNT(*) FROM chat_feedbacks f"
                                   " JOIN chat_interactions i ON i.id = f.interaction_id"
                                   " WHERE %4 GROUP BY %3, i.%2, f.rating")
                        .arg(m_info.feedbackTable, m_info.key, bucket, rangeWhere(QStringLiteral("f"))),
                    rangeValues(run)));
        }
        return Done {};
    }

    /// Records the fingerprints the rebuilt `buckets` now reflect.
    Status state(const QString& source, const QStringList& buckets, const Fingerprints& current) const
    {
        for (const Run& run : runsOf(buckets, m_info.seconds, current)) {
            RAGSCOPE_TRY(del,
                m_store.exec(QStringLiteral("DELETE FROM ragscope_rollup_state WHERE grain = ? AND source = ?"
                                            " AND bucket >= %1 AND bucket < %1")
                                 .arg(m_d.timeParam()),
                    { m_info.name, source, run.from, run.to }));
        }
        QStringList rows;
        QVariantList values;
        const auto flush = [&]() -> Status {
            if (rows.isEmpty())
                return Done {};
            auto q = m_store.exec(
                QStringLiteral("INSERT INTO ragscope_rollup_state (grain, source, bucket, rows_n, checksum)"
                               " VALUES ")
                    + rows.join(QStringLiteral(", ")),
                values);
            rows.clear();
            values.clear();
            return q.ok() ? Status(Done {}) : Status(q.error());
        };
        for (const QString& b : buckets) {
            if (!current.contains(b))
                continue; // emptied: no state, no rows
            rows << QStringLiteral("(?, ?, %1, ?, ?)").arg(m_d.timeParam());
            values << m_info.name << source << b << current.value(b).first << current.value(b).second;
            if (rows.size() == StateRowsPerInsert) {
                RAGSCOPE_TRY(done, flush());
            }
        }
        return flush();
    }

    Status horizon(const QDateTime& horizon, const QDateTime& now) const
    {
        RAGSCOPE_TRY(del,
            m_store.exec(
                QStringLiteral("DELETE FROM ragscope_rollup_horizon WHERE grain = ?"), { m_info.name }));
        RAGSCOPE_TRY(ins,
            m_store.exec(QStringLiteral("INSERT INTO ragscope_rollup_horizon (grain, horizon, refreshed_at)"
                                        " VALUES (?, %1, %1)")
                             .arg(m_d.timeParam()),
                { m_info.name, m_d.bindTime(horizon), m_d.bindTime(now) }));
        return Done {};
    }

private:
    Result<QSqlQuery> deleteBuckets(const QString& table, const Run& run) const
    {
        return m_store.exec(
            QStringLiteral("DELETE FROM %1 WHERE bucket >= %2 AND bucket < %2").arg(table, m_d.timeParam()),
            { run.from, run.to });
    }
    QString rangeWhere(const QString& alias) const
    {
        return QStringLiteral("%1.created_at >= %2 AND %1.created_at < %2").arg(alias, m_d.timeParam());
    }
    static QVariantList rangeValues(const Run& run) { return { run.from, run.to }; }

    const Store& m_store;
    SqlDialect m_d;
    Grain m_grain;
    const GrainInfo& m_info;
};

QStringList united(QStringList a, const QStringList& b)
{
    a += b;
    a.removeDuplicates();
    a.sort();
    return a;
}

} // namespace

QString RollupRefresh::summary() const
{
    if (!refreshed)
        return QStringLiteral("read-only: rollups not refreshed (%1)").arg(readOnlyReason);
    return QStringLiteral(
        "rollups up to %1: rebuilt %2 hours and %3 days of interactions (%4 latency rows sketched),"
        " %5 hours and %6 days of feedback")
        .arg(SqlDialect::isoTime(horizon))
        .arg(hours)
        .arg(days)
        .arg(latencyRows)
        .arg(feedbackHours)
        .arg(feedbackDays);
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
            QStringLiteral("%1 has no rollup tables (run `ragscope-cli migrate`)")
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
    const SqlDialect d(m_store->dialect());
    const QDateTime utc = now.toUTC();
    const QDateTime hourCutoff(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
    const QString dayCutoff = SqlDialect::isoTime(QDateTime(utc.date(), QTime(0, 0), Qt::UTC));
    if (d.isPostgres()) { // two refreshes at once: the second waits, then finds little to do
        RAGSCOPE_TRY(lock, m_store->exec(QStringLiteral("SELECT pg_advisory_xact_lock(7243002)")));
    }
    RAGSCOPE_TRY(hourRows, readFingerprints(*m_store, fingerprints(d, false, hourCutoff)));
    RAGSCOPE_TRY(hourFeedback, readFingerprints(*m_store, fingerprints(d, true, hourCutoff)));
    const Fingerprints dayRows = perDay(hourRows, dayCutoff);
    const Fingerprints dayFeedback = perDay(hourFeedback, dayCutoff);

    const Rebuild hours(*m_store, Grain::HourModel);
    const Rebuild days(*m_store, Grain::DayUser);
    RAGSCOPE_TRY(storedHourRows, hours.stored(QStringLiteral("i")));
    RAGSCOPE_TRY(storedHourFeedback, hours.stored(QStringLiteral("f")));
    RAGSCOPE_TRY(storedDayRows, days.stored(QStringLiteral("i")));
    RAGSCOPE_TRY(storedDayFeedback, days.stored(QStringLiteral("f")));
    const QStringList feedbackHours = changed(hourFeedback, storedHourFeedback);
    const QStringList feedbackDays = changed(dayFeedback, storedDayFeedback);
    QStringList rowHours = changed(hourRows, storedHourRows);
    QStringList rowDays = changed(dayRows, storedDayRows);

    // New or changed feedback also changes its interaction's "has feedback" count, in the
    // interaction's own (possibly much older) hour and day.
    // (Skipped on the first refresh, which rebuilds every hour anyway.)
    QStringList touched;
    for (const Run& run :
        runsOf(storedHourRows.isEmpty() ? QStringList() : feedbackHours, 3600, hourFeedback)) {
        const BoundSql q = interactionHoursOfFeedback(d, run.from, run.to);
        RAGSCOPE_TRY(rows, m_store->exec(q.sql, q.values));
        while (rows.next()) {
            const QString hour = rows.value(0).toString();
            if (hour < SqlDialect::isoTime(
                    hourCutoff)) // feedback older than its interaction: odd, not ours to roll
                touched << hour;
        }
    }
    touched.removeDuplicates();
    QStringList touchedDays;
    for (const QString& hour : std::as_const(touched)) {
        const QString day = hour.left(10) + QStringLiteral("T00:00:00.000000Z");
        if (day < dayCutoff)
            touchedDays << day;
    }
    rowHours = united(rowHours, touched);
    rowDays = united(rowDays, touchedDays);

    RAGSCOPE_TRY(h1, hours.interactions(rowHours, hourRows, &result->latencyRows));
    RAGSCOPE_TRY(h2, hours.feedback(feedbackHours, hourFeedback));
    RAGSCOPE_TRY(h3, hours.state(QStringLiteral("i"), rowHours, hourRows));
    RAGSCOPE_TRY(h4, hours.state(QStringLiteral("f"), feedbackHours, hourFeedback));
    RAGSCOPE_TRY(h5, hours.horizon(hourCutoff, utc));
    RAGSCOPE_TRY(d1, days.interactions(rowDays, dayRows, &result->latencyRows));
    RAGSCOPE_TRY(d2, days.feedback(feedbackDays, dayFeedback));
    RAGSCOPE_TRY(d3, days.state(QStringLiteral("i"), rowDays, dayRows));
    RAGSCOPE_TRY(d4, days.state(QStringLiteral("f"), feedbackDays, dayFeedback));
    RAGSCOPE_TRY(d5, days.horizon(SqlDialect::parseTime(dayCutoff), utc));
    result->horizon = hourCutoff;
    result->hours = int(rowHours.size());
    result->feedbackHours = int(feedbackHours.size());
    result->days = int(rowDays.size());
    result->feedbackDays = int(feedbackDays.size());
    return Done {};
}

} // namespace RagScope
