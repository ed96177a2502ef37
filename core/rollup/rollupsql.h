#pragma once

#include "metrics/filter.h"
#include "metrics/percentilesql.h"
#include "store/sqldialect.h"

#include <QString>
#include <QStringList>
#include <QVariant>

namespace RagScope::RollupSql {

// The statements behind RollupRefresher and RollupCollector, for either dialect (migration 0004
// holds the tables). Buckets travel as UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (timeText()), which
// is also how SQLite stores them; every value is bound.

/// Migration 0008: HourUser rows exist only for the closed hours of the open day (the day grain
/// takes them over when the day closes); WeekUser rows (from Monday) sum the week's day × user rows.
/// Migration 0009: DayModel rows sum each closed day's hour × model rows. Migration 0011:
/// QuarterUser rows (six hours from midnight) are what a closed day's DayUser rows are summed from.
enum class Grain { HourModel, DayUser, HourUser, WeekUser, DayModel, QuarterUser };

struct GrainInfo
{
    /// key of ragscope_rollup_state / _horizon rows: "hour", "day", "hour_user", "week", "day_model",
    /// "quarter_user"
    QString name;
    QString table; ///< interaction rollup
    QString feedbackTable; ///< feedback counts per rating, by the feedback's own bucket (none per week)
    QString key; ///< model_name or user_id
    qint64 seconds = 0; ///< bucket length
    bool sketches = false; ///< whether rows carry latency sketches
};
const GrainInfo& info(Grain grain);

/// The start of the bucket holding a timestamp column (a timestamptz / text value).
QString bucketOf(const SqlDialect& d, Grain grain, const QString& column);

/// The columns a rollup row sums, in the order of the table and of aggregate()/sum().
QString sumColumnNames(const SqlDialect& d);
/// The aggregates of sumColumnNames() over `chat_interactions i LEFT JOIN chat_feedbacks f`;
/// the cost as a NUMERIC/integer (`forInsert`) or as costSum() text. `feedback` prefixes the
/// feedback's interaction_id and rating columns ("f.", or "i.feedback_" over stagedRows()); without
/// one (no feedback joined) the three feedback columns are 0.
QString aggregate(const SqlDialect& d, bool forInsert, const QString& feedback = QStringLiteral("f."));
/// "chat_interactions i [LEFT] JOIN <its feedback> f" (f.interaction_id, f.rating) for rows spanning
/// about `seconds`. For less than a day PostgreSQL gets a LATERAL probe of the interaction_id index
/// per row: its planner otherwise hash-joins the whole chat_feedbacks table even for an hour of
/// interactions (half a second at 2M feedbacks); OFFSET 0 keeps it from flattening the probe back
/// into that join. SQLite always probes the index.
QString interactionsWithFeedback(const SqlDialect& d, bool outer, qint64 seconds);
/// "SELECT … FROM interactionsWithFeedback(d, true, seconds)" (the caller adds the WHERE): what
/// an hour rebuild reads of each interaction, its feedback probed once: the columns aggregate()
/// and the latency sketches use under their own names, `id_checksum` (as fingerprints() sums it),
/// and the feedback's interaction_id and rating as `feedback_interaction_id`, `feedback_rating`.
QString stagedRows(const SqlDialect& d, qint64 seconds);
/// The sums of sumColumnNames() over rollup rows aliased r, read like aggregate(d, false).
QString sum(const SqlDialect& d);
/// "SUM(r.<column>), …" over sumColumnNames(): rollup rows aliased r summed into a coarser bucket.
QString columnSums(const SqlDialect& d);
/// "INSERT INTO <target> (bucket, user_id, …) SELECT <target's bucket of r.bucket>, r.user_id,
/// columnSums() FROM <source> r [WHERE r.bucket >= ? AND r.bucket < ?] GROUP BY …": user-keyed
/// rollup rows summed into `target`'s coarser buckets (`ranged`: two bound bucket texts).
QString sumUserRows(
    const SqlDialect& d, Grain target, const QString& targetTable, const QString& source, bool ranged);
/// Number of columns of aggregate()/sum().
constexpr int SumColumns = 28;

/// bucket text, rows, checksum per hour in [from, to) (bucket texts; no lower bound when `from` is
/// empty), of chat_interactions (id checksum) or of chat_feedbacks (checksum of id × rating, so a
/// changed rating changes it).
BoundSql fingerprints(const SqlDialect& d, bool feedback, const QString& from, const QString& to);
/// Distinct hours (bucket texts) of the interactions whose feedback lies in [from, to).
BoundSql interactionHoursOfFeedback(const SqlDialect& d, const QString& from, const QString& to);

} // namespace RagScope::RollupSql
