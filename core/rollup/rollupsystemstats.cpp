#include "rollupsystemstats.h"

#include "metrics/sqlvalues.h"
#include "opendayuserrows.h"
#include "rollupplan.h"
#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

Result<std::optional<SystemStats>> RollupSystemStats::stats(int maxUsers) const
{
    RAGSCOPE_TRY(status, RollupStatus::of(*m_store));
    if (!status.available)
        return std::optional<SystemStats>();
    const SqlDialect d(m_store->dialect());
    // Day × user rows (or their sums per week, migration 0008) cover the days before the day
    // grain's horizon, and where the store keeps them the open day's hour × user rows (or their
    // sums per user, migration 0010) the hours after it, up to their own horizon.
    const RollupHorizons& h = status.grains;
    if (!h.contains(info(Grain::DayUser).name))
        return std::optional<SystemStats>();
    const bool userHours = h.contains(info(Grain::HourUser).name);
    const OpenDayUserRows openDay(*m_store);
    const QString rolledDays
        = info(h.contains(info(Grain::WeekUser).name) ? Grain::WeekUser : Grain::DayUser).table;
    const QVariant hours = d.bindTime(status.horizon);
    const QVariant rawUsersFrom
        = d.bindTime(h.value(userHours ? info(Grain::HourUser).name : info(Grain::DayUser).name).first);
    const QString t = d.timeParam();
    SystemStats s;
    RAGSCOPE_TRY(totals,
        m_store->exec(
            QStringLiteral("SELECT (SELECT COALESCE(SUM(requests), 0) FROM ragscope_rollup_hour_model)"
                           " + (SELECT COUNT(*) FROM chat_interactions WHERE created_at >= %1),"
                           " (SELECT COALESCE(SUM(feedbacks), 0) FROM ragscope_rollup_feedback_hour_model)"
                           " + (SELECT COUNT(*) FROM chat_feedbacks WHERE created_at >= %1),"
                           " (SELECT %2 FROM chat_interactions), (SELECT %3 FROM chat_interactions)")
                .arg(t, d.timeText(QStringLiteral("MIN(created_at)")),
                    d.timeText(QStringLiteral("MAX(created_at)"))),
            { hours, hours }));
    if (totals.next()) {
        s.interactions = sqlCount(totals.value(0));
        s.feedbacks = sqlCount(totals.value(1));
        if (!totals.value(2).isNull())
            s.first = SqlDialect::parseTime(totals.value(2).toString());
        if (!totals.value(3).isNull())
            s.last = SqlDialect::parseTime(totals.value(3).toString());
    }
    RAGSCOPE_TRY(models,
        m_store->exec(
            QStringLiteral("SELECT m FROM (SELECT model_name AS m FROM ragscope_rollup_hour_model"
                           " UNION SELECT model_name FROM chat_interactions WHERE created_at >= %1) x"
                           " WHERE m IS NOT NULL ORDER BY m%2")
                .arg(t, d.byteOrder()),
            { hours }));
    while (models.next())
        s.models << models.value(0).toString();
    const QString perUser
        = QStringLiteral("SELECT user_id AS u, requests AS n FROM %1%2"
                         " UNION ALL SELECT user_id, 1 FROM chat_interactions WHERE created_at >= %3")
              .arg(rolledDays,
                  userHours ? QStringLiteral(" UNION ALL SELECT user_id, requests FROM ")
                          + (openDay.kept() ? QLatin1String(OpenDayUserRows::Table)
                                            : info(Grain::HourUser).table)
                            : QString(),
                  t);
    // One pass for the top users and how many there are (the window count rides along each row).
    RAGSCOPE_TRY(users,
        m_store->exec(QStringLiteral("SELECT x.u, COUNT(*) OVER () FROM (%1) x GROUP BY x.u"
                                     " ORDER BY SUM(x.n) DESC, x.u%2 LIMIT ?")
                          .arg(perUser, d.byteOrder()),
            { rawUsersFrom, qMax(maxUsers, 0) }));
    while (users.next()) {
        s.userIds << users.value(0).toString();
        s.users = sqlCount(users.value(1));
    }
    return std::optional<SystemStats>(s);
}

} // namespace RagScope
