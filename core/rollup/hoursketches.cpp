#include "hoursketches.h"

#include "latencysketch.h"
#include "rollupsql.h"

#include <QDateTime>
#include <QHash>

#include <array>
#include <map>
#include <tuple>

namespace RagScope {

namespace {

/// (hour text, has a model, model): a NULL model is its own row, apart from an empty name.
using RowKey = std::tuple<QString, bool, QString>;
using RowSketches = std::array<LatencySketch, 3>;

QVariant sketchValue(const LatencySketch& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(s.toBytes());
}

} // namespace

Result<qint64> HourSketches::build(const QString& from, const QString& to, const QStringList& hours) const
{
    using namespace RollupSql;
    const SqlDialect d(m_store.dialect());
    const QString bucket = bucketOf(d, Grain::HourModel, QStringLiteral("i.created_at"));
    // PostgreSQL hands out the hour as a number (formatting millions of timestamps costs more
    // than the rest of the stream); SQLite's text bucket is already cheap.
    const QString hourKey = d.isPostgres()
        ? QStringLiteral("CAST(floor(extract(epoch FROM i.created_at) / 3600) AS bigint)")
        : bucket;
    RAGSCOPE_TRY(q,
        m_store.exec(QStringLiteral("SELECT %1, i.model_name, i.total_latency_ms, i.retrieval_latency_ms,"
                                    " i.generation_latency_ms FROM chat_interactions i"
                                    " WHERE i.created_at >= %2 AND i.created_at < %2 AND %3")
                         .arg(hourKey, d.timeParam(), inBuckets(d, bucket)),
            { from, to, bucketList(d, hours) }));
    std::map<RowKey, RowSketches> rows;
    QHash<qint64, QString> hourTexts;
    qint64 streamed = 0;
    while (q.next()) {
        ++streamed;
        QString hour;
        if (d.isPostgres()) {
            const qint64 h = q.value(0).toLongLong();
            auto it = hourTexts.find(h);
            if (it == hourTexts.end())
                it = hourTexts.insert(
                    h, SqlDialect::isoTime(QDateTime::fromSecsSinceEpoch(h * 3600, Qt::UTC)));
            hour = *it;
        } else {
            hour = q.value(0).toString();
        }
        const QVariant model = q.value(1);
        RowSketches& s = rows[RowKey { hour, !model.isNull(), model.toString() }];
        for (int c = 0; c < 3; ++c) {
            const QVariant v = q.value(2 + c);
            if (!v.isNull())
                s[size_t(c)].add(v.toDouble());
        }
    }
    const QString sameModel = d.isPostgres()
        ? QStringLiteral("model_name IS NOT DISTINCT FROM CAST(? AS text)")
        : QStringLiteral("model_name IS ?");
    const QString update
        = QStringLiteral("UPDATE ragscope_rollup_hour_model SET total_sketch = ?, retrieval_sketch = ?,"
                         " generation_sketch = ? WHERE bucket = %1 AND %2")
              .arg(d.timeParam(), sameModel);
    for (const auto& [key, sketches] : rows) {
        const auto& [hour, hasModel, model] = key;
        RAGSCOPE_TRY(u,
            m_store.exec(update,
                { sketchValue(sketches[0]), sketchValue(sketches[1]), sketchValue(sketches[2]), hour,
                    hasModel ? QVariant(model) : QVariant(QMetaType::fromType<QString>()) }));
    }
    return streamed;
}

} // namespace RagScope
