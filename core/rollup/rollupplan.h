#pragma once

#include "base/result.h"
#include "metrics/filter.h"
#include "metrics/filtersql.h"
#include "rollupsql.h"
#include "store/store.h"

#include <QList>
#include <QMap>
#include <QPair>

#include <optional>

namespace RagScope {

/// A part of a window read raw: added to the rollup rows, or taken from them (`subtract`: the raw
/// rows of a rolled-up bucket that lie before the window).
struct RollupEdge
{
    Filter window;
    bool subtract = false;

    qint64 sign() const { return subtract ? -1 : 1; }
    qint64 seconds() const { return window.from.secsTo(window.to); }
};

/// Which part of a window RagScope's rollups answer and which part is read raw: the middle holds
/// whole buckets of the grain before its horizon (the open hour or day is never rolled up); the
/// edges are the rest of the window. A first, partial bucket that the window covers more than half
/// of belongs to the middle, its part before the window a subtracted edge: at most half a bucket
/// is read raw there. On the hour grain, whole closed days inside the middle read their latency
/// sketches from the day table (migration 0005).
struct RollupPlan
{
    RollupSql::Grain grain = RollupSql::Grain::HourModel;
    QDateTime from; ///< the middle [from, to)
    QDateTime to;
    QDateTime daysFrom; ///< whole days with day sketches, inside the middle; daysFrom == daysTo: none
    QDateTime daysTo;
    bool dayModelRows = false; ///< those days also have day × model rows (migration 0009)
    QList<RollupEdge> edges; ///< read raw (zero, one or two windows)
    /// Day × user grain, migration 0008. When valid, the middle runs on from here (the day grain's
    /// horizon) in whole hours, through the open day's hour × user rows.
    QDateTime userHoursFrom;
    /// The middle holds every hour × user row (it starts by the open day and ends at their
    /// horizon): readers that sum per user may read their per-user sums instead (migration 0010).
    bool wholeOpenDay = false;
    /// When weeksFrom < weeksTo, the week × user rows in [weeksFrom, weeksTo) hold exactly the
    /// middle's days from weeksFrom up to weeksTo (a last, current week's row holds its days before
    /// the day horizon), for readers that sum per user (RollupAnswer::userStats()).
    QDateTime weeksFrom;
    QDateTime weeksTo;
    /// Day × user grain, migration 0011: quarter × user rows are complete before this (invalid: none),
    /// for readers that sum per user (QuarterUserRows::cover()).
    QDateTime quartersTo;

    /// The end of the middle's whole days (userHoursFrom, or the middle's end).
    QDateTime wholeDaysEnd() const { return userHoursFrom.isValid() ? userHoursFrom : to; }
    /// What the middle's rollup rows (aliased r by callers) and feedback counts are read from: the
    /// grain's tables, or with userHoursFrom their union with the hour × user tables (each holds its
    /// own buckets, so they never overlap).
    QString rowsTable(const SqlDialect& d) const;
    QString feedbackTable() const;

    /// What a middle's rows are read for: sums, feedback per rating, interactions per rating.
    enum class Table { Rows, Feedback, Ratings };
    /// A stretch of the middle and the table (aliased r by callers) holding it.
    struct Part
    {
        QString table;
        QDateTime from;
        QDateTime to;
    };
    /// The middle in parts: on the hour grain with day × model rows, the whole days from those and
    /// the hours around them from the hour tables; otherwise one part (rowsTable()/feedbackTable(),
    /// or the hour × model ratings).
    QList<Part> middle(const SqlDialect& d, Table table) const;

    /// "r.bucket >= ? AND r.bucket < ? [AND r.<key> = ?]": rollup rows (aliased r) of this grain in
    /// [from, to), narrowed to the filter's model or user as the grain keys them.
    SqlWhere bucketWhere(
        const SqlDialect& d, const Filter& filter, const QDateTime& from, const QDateTime& to) const;

    /// The plan for `filter` on `grain`'s rollups, or none when they cannot answer: no rollup
    /// tables, never refreshed, no whole bucket before the horizon, or a filter the grain does not
    /// key on (a user on the hour × model grain, a model on the day × user grain).
    static Result<std::optional<RollupPlan>> make(
        const Store& store, const Filter& filter, RollupSql::Grain grain);
    /// The hour × model plan, or for a user filter the day × user plan.
    static Result<std::optional<RollupPlan>> make(const Store& store, const Filter& filter);
};

/// The start of the UTC bucket of `seconds` (from 1970-01-01) that holds `t`.
QDateTime floorTo(const QDateTime& t, qint64 seconds);
/// `t` when it starts such a bucket, else the start of the next one.
QDateTime ceilTo(const QDateTime& t, qint64 seconds);

/// grain name ("hour", "day", and from migration 0008 "hour_user", "week") → (horizon, refreshed
/// at), for each grain refreshed at least once.
using RollupHorizons = QMap<QString, QPair<QDateTime, QDateTime>>;

/// Every grain's row of ragscope_rollup_horizon, in one statement.
Result<RollupHorizons> readRollupHorizons(const Store& store);

/// How fresh a store's rollups are (for the status bar).
struct RollupStatus
{
    bool available = false; ///< tables exist and were refreshed at least once
    QDateTime horizon; ///< hours before this are rolled up
    QDateTime refreshedAt;
    RollupHorizons grains; ///< every grain's horizon, when available

    static Result<RollupStatus> of(const Store& store);
};

} // namespace RagScope
