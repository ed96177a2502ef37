#include "rolluplatency.h"

#include "latencysketch.h"
#include "metrics/sqlvalues.h"

#include <QCoreApplication>
#include <QMap>

namespace RagScope {

using namespace RollupSql;

namespace {

using Sketches = std::array<LatencySketch, 3>;

Error damaged()
{
    return makeError(ErrorKind::Corrupt,
        QCoreApplication::translate("RagScope::RollupLatency",
            "a latency sketch in RagScope's rollups is damaged (run `ragscope-cli rollup --verify`)"));
}

Percentiles quantiles(const LatencySketch& s)
{
    Percentiles p;
    for (size_t l = 0; l < Percentiles::Levels.size(); ++l)
        p.values[l] = s.quantile(Percentiles::Levels[l]);
    return p;
}

void addTo(LatencySketch* sketch, double value, qint64 sign)
{
    if (sign > 0)
        sketch->add(value);
    else
        sketch->remove(value); // rolled up with its bucket: there to take back
}

/// The bucket key of a timestamp text: its hour or its day.
QString keyOf(const QString& time, TimeBucket bucket)
{
    return time.left(bucket == TimeBucket::Day ? 10 : 13);
}

QDateTime startOf(const QString& key, TimeBucket bucket)
{
    if (bucket == TimeBucket::Day)
        return QDateTime(QDate::fromString(key, Qt::ISODate), QTime(0, 0), Qt::UTC);
    return QDateTime(QDate::fromString(key.left(10), Qt::ISODate), QTime(key.mid(11, 2).toInt(), 0), Qt::UTC);
}

/// A LatencyPoint under construction.
struct Point
{
    qint64 requests = 0;
    LatencySketch total;
    double retrievalSum = 0, generationSum = 0;
    qint64 retrievalN = 0, generationN = 0;
};

} // namespace

RollupLatency::RollupLatency(
    StorePtr store, const Filter& filter, const RollupPlan& plan, std::shared_ptr<EdgeReads> reads)
    : m_store(std::move(store))
    , m_d(m_store->dialect())
    , m_filter(filter)
    , m_plan(plan)
    , m_reads(std::move(reads))
{ }

Status RollupLatency::forEachSketch(bool wholeDays, const SketchRow& row) const
{
    // (table, from, to): day sketches for the whole days, hour sketches around them
    QList<std::tuple<QString, QDateTime, QDateTime>> parts;
    const QString hours = info(Grain::HourModel).table;
    if (wholeDays && m_plan.daysFrom < m_plan.daysTo) {
        parts << std::make_tuple(hours, m_plan.from, m_plan.daysFrom)
              << std::make_tuple(
                     QStringLiteral("ragscope_rollup_day_model_sketch"), m_plan.daysFrom, m_plan.daysTo)
              << std::make_tuple(hours, m_plan.daysTo, m_plan.to);
    } else {
        parts << std::make_tuple(hours, m_plan.from, m_plan.to);
    }
    for (const auto& [table, from, to] : std::as_const(parts)) {
        if (from >= to)
            continue;
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, from, to);
        RAGSCOPE_TRY(q,
            m_store->exec(QStringLiteral("SELECT %1, r.total_sketch, r.retrieval_sketch, r.generation_sketch"
                                         " FROM %2 r WHERE %3")
                              .arg(m_d.timeText(QStringLiteral("r.bucket")), table, w.sql),
                w.values));
        while (q.next()) {
            const std::array<QByteArray, 3> sketches { q.value(1).toByteArray(), q.value(2).toByteArray(),
                q.value(3).toByteArray() };
            if (!row(q.value(0).toString(), sketches))
                return damaged();
        }
    }
    return Done {};
}

Status RollupLatency::forEachRaw(const RawRow& row) const
{
    for (const RollupEdge& edge : m_plan.edges) {
        RAGSCOPE_TRY(rows, m_reads->latencies(*m_store, edge));
        for (const EdgeReads::Latencies& r : rows)
            row(r.createdAt, r.values, edge.sign());
    }
    return Done {};
}

Result<LatencyPercentiles> RollupLatency::percentiles() const
{
    Sketches sketches;
    RAGSCOPE_TRY(middle, forEachSketch(true, [&](const QString&, const std::array<QByteArray, 3>& bytes) {
        for (size_t c = 0; c < 3; ++c)
            if (!bytes[c].isEmpty() && !sketches[c].mergeBytes(bytes[c]))
                return false;
        return true;
    }));
    RAGSCOPE_TRY(edges, forEachRaw([&](const QString&, const std::array<QVariant, 3>& values, qint64 sign) {
        for (size_t c = 0; c < 3; ++c)
            if (!values[c].isNull())
                addTo(&sketches[c], values[c].toDouble(), sign);
    }));
    return LatencyPercentiles { quantiles(sketches[0]), quantiles(sketches[1]), quantiles(sketches[2]) };
}

Result<QList<LatencyPoint>> RollupLatency::overTime(TimeBucket bucket) const
{
    QMap<QString, Point> points; // keyed by the bucket's ISO text, which sorts as time
    // Daily points read whole days from the day × model rows where the plan has them.
    const QList<RollupPlan::Part> parts = bucket == TimeBucket::Day
        ? m_plan.middle(m_d, RollupPlan::Table::Rows)
        : QList<RollupPlan::Part> { { info(Grain::HourModel).table, m_plan.from, m_plan.to } };
    for (const RollupPlan::Part& part : parts) {
        const SqlWhere w = m_plan.bucketWhere(m_d, m_filter, part.from, part.to);
        RAGSCOPE_TRY(sums,
            m_store->exec(
                QStringLiteral("SELECT %1, r.requests, r.retrieval_sum, r.retrieval_n, r.generation_sum,"
                               " r.generation_n FROM %2 r WHERE %3")
                    .arg(m_d.timeText(QStringLiteral("r.bucket")), part.table, w.sql),
                w.values));
        while (sums.next()) {
            Point& p = points[keyOf(sums.value(0).toString(), bucket)];
            p.requests += sqlCount(sums.value(1));
            p.retrievalSum += sums.value(2).toDouble();
            p.retrievalN += sqlCount(sums.value(3));
            p.generationSum += sums.value(4).toDouble();
            p.generationN += sqlCount(sums.value(5));
        }
    }
    RAGSCOPE_TRY(middle,
        forEachSketch(
            bucket == TimeBucket::Day, [&](const QString& time, const std::array<QByteArray, 3>& bytes) {
                return bytes[0].isEmpty() || points[keyOf(time, bucket)].total.mergeBytes(bytes[0]);
            }));
    RAGSCOPE_TRY(
        edges, forEachRaw([&](const QString& time, const std::array<QVariant, 3>& values, qint64 sign) {
            Point& p = points[keyOf(time, bucket)];
            p.requests += sign;
            if (!values[0].isNull())
                addTo(&p.total, values[0].toDouble(), sign);
            if (!values[1].isNull()) {
                p.retrievalSum += double(sign) * values[1].toDouble();
                p.retrievalN += sign;
            }
            if (!values[2].isNull()) {
                p.generationSum += double(sign) * values[2].toDouble();
                p.generationN += sign;
            }
        }));
    QList<LatencyPoint> out;
    for (auto it = points.cbegin(); it != points.cend(); ++it) {
        if (it->requests == 0)
            continue;
        LatencyPoint p;
        p.start = startOf(it.key(), bucket);
        p.requests = it->requests;
        p.total = quantiles(it->total);
        if (it->retrievalN > 0)
            p.avgRetrievalMs = it->retrievalSum / double(it->retrievalN);
        if (it->generationN > 0)
            p.avgGenerationMs = it->generationSum / double(it->generationN);
        out << p;
    }
    return out;
}

} // namespace RagScope
