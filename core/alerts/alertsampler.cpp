#include "alertsampler.h"

#include <QCoreApplication>

#include "metrics/sqlvalues.h"
#include "rollup/rollupplan.h"
#include "store/sqldialect.h"

#include <cmath>

namespace RagScope {

namespace {

constexpr qint64 Hour = 3600;

QString phaseColumn(AlertRule::Phase phase)
{
    switch (phase) {
    case AlertRule::Phase::Retrieval:
        return QStringLiteral("retrieval");
    case AlertRule::Phase::Generation:
        return QStringLiteral("generation");
    case AlertRule::Phase::Total:
        break;
    }
    return QStringLiteral("total");
}

/// γ of LatencySketch: a raw value x > 0 lies in bucket ceil(ln x / ln γ) ...
double gamma()
{
    return (1 + LatencySketch::RelativeAccuracy) / (1 - LatencySketch::RelativeAccuracy);
}

/// ... and 2γ^k / (γ + 1), inside bucket k, adds it to the same bucket of a LatencySketch.
double bucketValue(int key)
{
    return 2 * std::pow(gamma(), key) / (gamma() + 1);
}

/// The confidence buckets 0 … k−1 of the rollups are exactly "score < below" when below = k/10.
std::optional<int> rollupConfidenceBuckets(double below)
{
    const double k = below * 10;
    if (std::abs(k - std::round(k)) > 1e-9 || std::round(k) < 1 || std::round(k) > 9)
        return std::nullopt;
    return int(std::round(k));
}

qint64 keyOf(const QString& hourText, std::optional<qint64> windowKey)
{
    if (windowKey)
        return *windowKey;
    return SqlDialect::parseTime(hourText).toSecsSinceEpoch();
}

/// The hour and group columns of a raw statement, and its GROUP BY: the hour and the group only
/// where they vary (PostgreSQL refuses constants in GROUP BY).
struct Keys
{
    QString hour;
    QString group;
    QString groupBy;
    QString select() const { return hour + QStringLiteral(", ") + group; }
};

Keys keysFor(const SqlDialect& d, const QString& timeColumn, const QString& group, bool hourly)
{
    Keys k;
    k.hour = hourly ? d.hourOf(timeColumn) : QStringLiteral("''");
    k.group = group.isEmpty() ? QStringLiteral("''") : group;
    QStringList list;
    if (hourly)
        list << k.hour;
    if (!group.isEmpty())
        list << group;
    if (!list.isEmpty())
        k.groupBy = QStringLiteral(" GROUP BY ") + list.join(QStringLiteral(", "));
    return k;
}

} // namespace

AlertSampler::AlertSampler(StorePtr store, const AlertRule& rule)
    : m_store(std::move(store))
    , m_rule(rule)
{ }

QDateTime AlertSampler::floorHour(const QDateTime& t)
{
    const qint64 s = t.toSecsSinceEpoch();
    return QDateTime::fromSecsSinceEpoch(s - ((s % Hour) + Hour) % Hour, Qt::UTC);
}

QDateTime AlertSampler::ceilHour(const QDateTime& t)
{
    const QDateTime f = floorHour(t);
    return f == t ? f : f.addSecs(Hour);
}

Result<AlertSampler::Groups> AlertSampler::window(const QDateTime& from, const QDateTime& to) const
{
    Cells cells;
    RAGSCOPE_TRY(ok, collect(from, to, false, &cells));
    Groups groups;
    for (const auto& [key, sample] : cells)
        groups[key.second].merge(sample);
    return groups;
}

Result<AlertSampler::HourlyGroups> AlertSampler::hourly(const QDateTime& from, const QDateTime& to) const
{
    Cells cells;
    RAGSCOPE_TRY(ok, collect(from, to, true, &cells));
    const qint64 hours = std::max<qint64>(0, from.secsTo(to) / Hour);
    HourlyGroups groups;
    for (const auto& [key, sample] : cells) {
        const qint64 index = (key.first - from.toSecsSinceEpoch()) / Hour;
        if (index < 0 || index >= hours)
            continue;
        std::vector<AlertSample>& series = groups[key.second];
        series.resize(size_t(hours));
        series[size_t(index)].merge(sample);
    }
    return groups;
}

Status AlertSampler::collect(const QDateTime& from, const QDateTime& to, bool hourly, Cells* cells) const
{
    m_usedRollups = false;
    if (from >= to)
        return Done {};
    const std::optional<qint64> windowKey
        = hourly ? std::nullopt : std::optional<qint64>(from.toSecsSinceEpoch());
    QList<std::pair<QDateTime, QDateTime>> raw { { from, to } };
    // Hour × model rollups answer no per-user question and only confidence cuts at a tenth.
    if (m_rule.groupBy != AlertRule::GroupBy::User && rollupConfidenceBuckets(m_rule.below)) {
        RAGSCOPE_TRY(horizon, rollupHorizon());
        const QDateTime middleFrom = ceilHour(from);
        const QDateTime middleTo = horizon ? std::min(floorHour(to), *horizon) : QDateTime();
        if (horizon && middleFrom < middleTo) {
            RAGSCOPE_TRY(ok, readRollups(middleFrom, middleTo, windowKey, cells));
            m_usedRollups = true;
            raw.clear();
            if (from < middleFrom)
                raw.append({ from, middleFrom });
            if (middleTo < to)
                raw.append({ middleTo, to });
        }
    }
    for (const auto& [a, b] : std::as_const(raw)) {
        RAGSCOPE_TRY(ok, readRaw(a, b, windowKey, cells));
    }
    return Done {};
}

Result<std::optional<QDateTime>> AlertSampler::rollupHorizon() const
{
    RAGSCOPE_TRY(status, RollupStatus::of(*m_store));
    if (!status.available)
        return std::optional<QDateTime>(); // no rollup tables, or never refreshed
    return std::optional<QDateTime>(status.horizon);
}

QString AlertSampler::groupExpression() const
{
    switch (m_rule.groupBy) {
    case AlertRule::GroupBy::Model:
        return QStringLiteral("COALESCE(i.model_name, '')");
    case AlertRule::GroupBy::User:
        return QStringLiteral("COALESCE(i.user_id, '')");
    case AlertRule::GroupBy::None:
        break;
    }
    return {};
}

Status AlertSampler::readRollups(
    const QDateTime& from, const QDateTime& to, std::optional<qint64> windowKey, Cells* cells) const
{
    const SqlDialect d(m_store->dialect());
    const int lowBuckets = *rollupConfidenceBuckets(m_rule.below);
    QStringList low;
    for (int b = 0; b < lowBuckets; ++b)
        low << QStringLiteral("r.conf_b%1").arg(b);
    const bool byModel = m_rule.groupBy == AlertRule::GroupBy::Model;
    const QString group = byModel ? QStringLiteral("COALESCE(r.model_name, '')") : QStringLiteral("''");
    const QString cost = d.isPostgres() ? QStringLiteral("CAST(r.cost_estimate AS text)")
                                        : d.costColumn(QStringLiteral("r"));
    const QString range = QStringLiteral("r.bucket >= %1 AND r.bucket < %1").arg(d.timeParam());
    const QVariantList values { d.bindTime(from), d.bindTime(to) };
    RAGSCOPE_TRY(q,
        m_store->exec(
            QStringLiteral("SELECT %1, %2, r.requests, %3, r.requests - r.conf_unknown, %4, r.%5_sketch"
                           " FROM ragscope_rollup_hour_model r WHERE %6")
                .arg(d.timeText(QStringLiteral("r.bucket")), group, cost, low.join(QStringLiteral(" + ")),
                    phaseColumn(m_rule.phase), range),
            values));
    while (q.next()) {
        AlertSample& s = (*cells)[{ keyOf(q.value(0).toString(), windowKey), q.value(1).toString() }];
        s.requests += sqlCount(q.value(2));
        s.cost += d.moneyValue(q.value(3));
        s.confidenceKnown += sqlCount(q.value(4));
        s.lowConfidence += sqlCount(q.value(5));
        if (!q.value(6).isNull() && !s.latency.mergeBytes(q.value(6).toByteArray()))
            return makeError(ErrorKind::Corrupt,
                QCoreApplication::translate("RagScope::AlertSampler",
                    "a latency sketch in ragscope_rollup_hour_model is damaged (run `ragscope-cli rollup`)"));
    }
    RAGSCOPE_TRY(f,
        m_store->exec(
            QStringLiteral(
                "SELECT %1, %2, r.rating, r.feedbacks FROM ragscope_rollup_feedback_hour_model r WHERE %3")
                .arg(d.timeText(QStringLiteral("r.bucket")), group, range),
            values));
    while (f.next()) {
        AlertSample& s = (*cells)[{ keyOf(f.value(0).toString(), windowKey), f.value(1).toString() }];
        const qint64 n = sqlCount(f.value(3));
        s.ratings += n;
        if (f.value(2).toInt() <= m_rule.atMost)
            s.lowRatings += n;
    }
    return Done {};
}

Status AlertSampler::readRaw(
    const QDateTime& from, const QDateTime& to, std::optional<qint64> windowKey, Cells* cells) const
{
    const SqlDialect d(m_store->dialect());
    const QString real = d.isPostgres() ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("REAL");
    const bool hourly = !windowKey;
    const QString range = QStringLiteral("%2 >= %1 AND %2 < %1").arg(d.timeParam());
    const QVariantList window { d.bindTime(from), d.bindTime(to) };

    const Keys ik = keysFor(d, QStringLiteral("i.created_at"), groupExpression(), hourly);
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT %1, COUNT(*), %2,"
                                     " SUM(CASE WHEN i.confidence_score IS NOT NULL THEN 1 ELSE 0 END),"
                                     " SUM(CASE WHEN i.confidence_score < CAST(? AS %3) THEN 1 ELSE 0 END)"
                                     " FROM chat_interactions i WHERE %4%5")
                          .arg(ik.select(), d.costSum(QStringLiteral("i")), real,
                              range.arg(QStringLiteral("i.created_at")), ik.groupBy),
            QVariantList { m_rule.below } + window));
    while (q.next()) {
        if (sqlCount(q.value(2)) == 0)
            continue; // the one row of an ungrouped aggregate over nothing
        AlertSample& s = (*cells)[{ keyOf(q.value(0).toString(), windowKey), q.value(1).toString() }];
        s.requests += sqlCount(q.value(2));
        s.cost += d.moneyValue(q.value(3));
        s.confidenceKnown += sqlCount(q.value(4));
        s.lowConfidence += sqlCount(q.value(5));
    }

    // Latency: counts per LatencySketch bucket, computed in SQL (grouped over a subquery, whose
    // columns may be constants); values under the sketch's smallest magnitude count as zero.
    const QString x = QStringLiteral("CAST(i.%1_latency_ms AS %2)").arg(phaseColumn(m_rule.phase), real);
    const QString bucket = QStringLiteral(
        "CASE WHEN %1 < CAST(? AS %2) THEN NULL ELSE CAST(CEIL(LN(%1) / CAST(? AS %2)) AS INTEGER) END")
                               .arg(x, real);
    RAGSCOPE_TRY(l,
        m_store->exec(
            QStringLiteral("SELECT s.h, s.g, s.k, COUNT(*) FROM (SELECT %1 AS h, %2 AS g, %3 AS k"
                           " FROM chat_interactions i WHERE %4 AND %5 IS NOT NULL) s GROUP BY s.h, s.g, s.k")
                .arg(ik.hour, ik.group, bucket, range.arg(QStringLiteral("i.created_at")), x),
            QVariantList { LatencySketch::MinIndexable, std::log(gamma()) } + window));
    while (l.next()) {
        AlertSample& s = (*cells)[{ keyOf(l.value(0).toString(), windowKey), l.value(1).toString() }];
        s.latency.add(l.value(2).isNull() ? 0.0 : bucketValue(l.value(2).toInt()), sqlCount(l.value(3)));
    }

    // Ratings by the feedback's own created_at; the group comes from its interaction.
    const Keys fk = keysFor(d, QStringLiteral("f.created_at"), groupExpression(), hourly);
    RAGSCOPE_TRY(f,
        m_store->exec(
            QStringLiteral("SELECT %1, COUNT(*), SUM(CASE WHEN f.rating <= ? THEN 1 ELSE 0 END)"
                           " FROM chat_feedbacks f JOIN chat_interactions i ON i.id = f.interaction_id"
                           " WHERE %2%3")
                .arg(fk.select(), range.arg(QStringLiteral("f.created_at")), fk.groupBy),
            QVariantList { m_rule.atMost } + window));
    while (f.next()) {
        if (sqlCount(f.value(2)) == 0)
            continue;
        AlertSample& s = (*cells)[{ keyOf(f.value(0).toString(), windowKey), f.value(1).toString() }];
        s.ratings += sqlCount(f.value(2));
        s.lowRatings += sqlCount(f.value(3));
    }
    return Done {};
}

} // namespace RagScope
