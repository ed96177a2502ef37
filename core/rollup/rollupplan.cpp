#include "rollupplan.h"

#include "rolluprefresher.h"
#include "snapshot/snapshotinfo.h"

namespace RagScope {

using namespace RollupSql;

QDateTime floorTo(const QDateTime& t, qint64 seconds)
{
    const qint64 ms = t.toMSecsSinceEpoch();
    const qint64 unit = seconds * 1000;
    return QDateTime::fromMSecsSinceEpoch(ms - ((ms % unit) + unit) % unit, Qt::UTC);
}

QDateTime ceilTo(const QDateTime& t, qint64 seconds)
{
    const QDateTime f = floorTo(t, seconds);
    return f == t ? f : f.addSecs(seconds);
}

Result<RollupHorizons> readRollupHorizons(const Store& store)
{
    const SqlDialect d(store.dialect());
    RAGSCOPE_TRY(q,
        store.exec(
            QStringLiteral("SELECT grain, %1, %2 FROM ragscope_rollup_horizon")
                .arg(d.timeText(QStringLiteral("horizon")), d.timeText(QStringLiteral("refreshed_at")))));
    RollupHorizons h;
    while (q.next())
        h.insert(q.value(0).toString(),
            { SqlDialect::parseTime(q.value(1).toString()), SqlDialect::parseTime(q.value(2).toString()) });
    return h;
}

Result<std::optional<RollupPlan>> RollupPlan::make(const Store& store, const Filter& filter, Grain grain)
{
    const bool hourGrain = grain == Grain::HourModel;
    if ((hourGrain && filter.user) || (!hourGrain && filter.model)
        || !RollupRefresher::hasRollupTables(store))
        return std::optional<RollupPlan>();
    RAGSCOPE_TRY(h, readRollupHorizons(store));
    if (!h.contains(info(grain).name))
        return std::optional<RollupPlan>(); // never refreshed
    const QDateTime horizon = h.value(info(grain).name).first;
    RollupPlan plan;
    plan.grain = grain;
    plan.from = ceilTo(filter.from, info(grain).seconds);
    plan.to = std::min(floorTo(filter.to, info(grain).seconds), horizon);
    const QString userHours = info(Grain::HourUser).name;
    if (!hourGrain && h.contains(userHours)) {
        // The hour × user rows cover [day horizon, their horizon): the middle may start and end in
        // whole hours there.
        const QDateTime to = std::min(floorTo(filter.to, 3600), h.value(userHours).first);
        if (filter.from >= horizon)
            plan.from = ceilTo(filter.from, 3600);
        if (plan.to == horizon && to > horizon) {
            plan.to = to;
            plan.userHoursFrom = horizon;
        }
    }
    // A windowed snapshot exported before RollupCompletion has rollups only from its window's
    // first whole bucket on: not for its partial first bucket, nor for the rows before the window
    // that came along for their feedback. Its middle starts there at the earliest.
    RAGSCOPE_TRY(snapshot, SnapshotInfo::read(store));
    const std::optional<QDateTime> rollupsFrom = snapshot && snapshot->window && !snapshot->rollupsCoverRows
        ? std::optional(ceilTo(snapshot->window->from, info(grain).seconds))
        : std::nullopt;
    if (rollupsFrom)
        plan.from = std::max(plan.from, *rollupsFrom);
    if (plan.from >= plan.to)
        return std::optional<RollupPlan>(); // no whole rolled-up bucket in the window
    // The first, partial bucket (an hour of the open day's hour x user rows, else the grain's):
    // when the window holds more than half of it, the whole bucket's row less the raw rows before
    // the window, if the store holds that bucket whole.
    const qint64 firstBucket
        = plan.userHoursFrom.isValid() && filter.from >= horizon ? 3600 : info(grain).seconds;
    const bool subtract = filter.from.secsTo(plan.from) * 2 > firstBucket
        && (!rollupsFrom || *rollupsFrom <= plan.from.addSecs(-firstBucket));
    if (subtract) {
        plan.from = plan.from.addSecs(-firstBucket);
        plan.edges << RollupEdge { Filter { plan.from, filter.from, filter.user, filter.model }, true };
    } else if (filter.from < plan.from) {
        plan.edges << RollupEdge { Filter { filter.from, plan.from, filter.user, filter.model } };
    }
    // The last, partial bucket likewise when it is closed (a window in the past: the Overview's
    // previous one). A windowed snapshot's horizons end where its rollups do.
    const bool hourRowsAtEnd = plan.userHoursFrom.isValid() && plan.to > plan.userHoursFrom;
    const qint64 lastBucket = hourRowsAtEnd ? 3600 : info(grain).seconds;
    const QDateTime lastEnd = plan.to.addSecs(lastBucket);
    if (lastEnd > filter.to && lastEnd <= (hourRowsAtEnd ? h.value(userHours).first : horizon)
        && plan.to.secsTo(filter.to) * 2 > lastBucket) {
        plan.edges << RollupEdge { Filter { filter.to, lastEnd, filter.user, filter.model }, true };
        plan.to = lastEnd;
    } else if (plan.to < filter.to) {
        plan.edges << RollupEdge { Filter { plan.to, filter.to, filter.user, filter.model } };
    }
    plan.wholeOpenDay = plan.userHoursFrom.isValid() && plan.from <= plan.userHoursFrom
        && plan.to == h.value(userHours).first;
    const QString weeks = info(Grain::WeekUser).name;
    if (!hourGrain && h.contains(weeks)) {
        // Weeks from Monday (1970-01-05): whole weeks inside the middle's days, and the current
        // week's row when the days end at the day horizon it was built up to.
        const QDateTime weeksFrom = ceilTo(plan.from.addDays(-4), 7 * 86400).addDays(4);
        const QDateTime weeksTo = plan.wholeDaysEnd() == horizon
            ? horizon
            : floorTo(plan.wholeDaysEnd().addDays(-4), 7 * 86400).addDays(4);
        if (weeksFrom < weeksTo) {
            plan.weeksFrom = weeksFrom;
            plan.weeksTo = weeksTo;
        }
    }
    if (const QString quarters = info(Grain::QuarterUser).name; !hourGrain && h.contains(quarters))
        plan.quartersTo = h.value(quarters).first;
    plan.daysFrom = plan.daysTo = plan.from;
    const QString dayGrain = info(Grain::DayUser).name; // day sketches are rebuilt with it
    if (hourGrain && store.schemaVersion() >= 5 && h.contains(dayGrain)) {
        const QDateTime daysFrom = ceilTo(plan.from, 86400);
        const QDateTime daysTo = std::min(floorTo(plan.to, 86400), h.value(dayGrain).first);
        if (daysFrom < daysTo) {
            plan.daysFrom = daysFrom;
            plan.daysTo = daysTo;
            const QString dayModel = info(Grain::DayModel).name;
            plan.dayModelRows = h.contains(dayModel) && h.value(dayModel).first >= daysTo;
        }
    }
    return std::optional<RollupPlan>(plan);
}

SqlWhere RollupPlan::bucketWhere(
    const SqlDialect& d, const Filter& filter, const QDateTime& from, const QDateTime& to) const
{
    SqlWhere w;
    w.add(QStringLiteral("r.bucket >= %1").arg(d.timeParam()), { d.bindTime(from) });
    w.add(QStringLiteral("r.bucket < %1").arg(d.timeParam()), { d.bindTime(to) });
    const std::optional<QString>& key = grain == Grain::HourModel ? filter.model : filter.user;
    if (key)
        w.add(QStringLiteral("r.%1 = ?").arg(info(grain).key), { *key });
    return w;
}

QString RollupPlan::rowsTable(const SqlDialect& d) const
{
    if (!userHoursFrom.isValid())
        return info(grain).table;
    const QString columns = QStringLiteral("bucket, user_id, ") + sumColumnNames(d);
    return QStringLiteral("(SELECT %1 FROM %2 UNION ALL SELECT %1 FROM %3)")
        .arg(columns, info(grain).table, info(Grain::HourUser).table);
}

QString RollupPlan::feedbackTable() const
{
    if (!userHoursFrom.isValid())
        return info(grain).feedbackTable;
    return QStringLiteral("(SELECT bucket, user_id, rating, feedbacks FROM %1"
                          " UNION ALL SELECT bucket, user_id, rating, feedbacks FROM %2)")
        .arg(info(grain).feedbackTable, info(Grain::HourUser).feedbackTable);
}

QList<RollupPlan::Part> RollupPlan::middle(const SqlDialect& d, Table table) const
{
    const auto tableOf = [table](Grain g) {
        if (table == Table::Ratings)
            return g == Grain::DayModel ? QStringLiteral("ragscope_rollup_rating_day_model")
                                        : QStringLiteral("ragscope_rollup_rating_hour_model");
        return table == Table::Rows ? info(g).table : info(g).feedbackTable;
    };
    if (!dayModelRows) {
        if (table == Table::Ratings)
            return { { tableOf(grain), from, to } };
        return { { table == Table::Rows ? rowsTable(d) : feedbackTable(), from, to } };
    }
    QList<Part> parts;
    for (const Part& part : { Part { tableOf(Grain::HourModel), from, daysFrom },
             Part { tableOf(Grain::DayModel), daysFrom, daysTo },
             Part { tableOf(Grain::HourModel), daysTo, to } })
        if (part.from < part.to)
            parts << part;
    return parts;
}

Result<std::optional<RollupPlan>> RollupPlan::make(const Store& store, const Filter& filter)
{
    return make(store, filter, filter.user ? Grain::DayUser : Grain::HourModel);
}

Result<RollupStatus> RollupStatus::of(const Store& store)
{
    RollupStatus s;
    if (!RollupRefresher::hasRollupTables(store))
        return s;
    RAGSCOPE_TRY(h, readRollupHorizons(store));
    const QString hour = info(Grain::HourModel).name;
    if (!h.contains(hour))
        return s;
    s.available = true;
    s.horizon = h.value(hour).first;
    s.refreshedAt = h.value(hour).second;
    s.grains = h;
    return s;
}

} // namespace RagScope
