#pragma once

#include "edgereads.h"
#include "metrics/filtersql.h"
#include "metrics/metricstypes.h"
#include "rollupplan.h"
#include "store/store.h"

#include <functional>

namespace RagScope {

class LatencySketch;

/// Latency percentiles of a window, whole or per hour/day, from merged sketches: day sketches for
/// the plan's whole days, hour sketches for the rest of its middle, the edges' raw latencies added
/// to the same sketches. Hour × model plans only (day × user rows keep no sketches).
class RollupLatency
{
public:
    /// `reads`: the edges' raw latencies, shared with the other answers of one refresh.
    RollupLatency(
        StorePtr store, const Filter& filter, const RollupPlan& plan, std::shared_ptr<EdgeReads> reads);

    Result<LatencyPercentiles> percentiles() const;
    Result<QList<LatencyPoint>> overTime(TimeBucket bucket) const;

private:
    /// Called with a bucket text and the total / retrieval / generation values of one sketch row.
    using SketchRow = std::function<bool(const QString& bucket, const std::array<QByteArray, 3>& sketches)>;
    /// Called with a created_at text, the three raw latencies (NULL as an invalid QVariant) and
    /// the edge's sign (-1: take the row back from the middle's sums and sketches).
    using RawRow
        = std::function<void(const QString& createdAt, const std::array<QVariant, 3>& values, qint64 sign)>;
    /// `wholeDays`: whole days from the day sketches (not for hourly points).
    Status forEachSketch(bool wholeDays, const SketchRow& row) const;
    Status forEachRaw(const RawRow& row) const;

    StorePtr m_store;
    SqlDialect m_d;
    Filter m_filter;
    RollupPlan m_plan;
    std::shared_ptr<EdgeReads> m_reads;
};

} // namespace RagScope
