#include "hoursketches.h"

#include "latencysketch.h"
#include "rollupsql.h"
#include "store/multirowinsert.h"

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
constexpr int StageRowsPerInsert = 150;

} // namespace

Result<qint64> HourSketches::build(const QString& source, const QVariantList& values) const
{
    using namespace RollupSql;
    const SqlDialect d(m_store.dialect());
    // PostgreSQL hands out the hour as a number (formatting millions of timestamps costs more
    // than the rest of the stream); SQLite's text bucket is already cheap.
    const QString hourKey = d.isPostgres()
        ? QStringLiteral("CAST(floor(extract(epoch FROM i.created_at) / 3600) AS bigint)")
        : bucketOf(d, Grain::HourModel, QStringLiteral("i.created_at"));
    RAGSCOPE_TRY(q,
        m_store.exec(QStringLiteral("SELECT %1, i.model_name, i.total_latency_ms, i.retrieval_latency_ms,"
                                    " i.generation_latency_ms FROM %2")
                         .arg(hourKey, source),
            values));
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
    // Staged with multi-row INSERTs and applied by one UPDATE … FROM: thousands of rows cost a
    // few round trips instead of one each.
    const QString blob = d.isPostgres() ? QStringLiteral("bytea") : QStringLiteral("BLOB");
    RAGSCOPE_TRY(stage,
        m_store.exec(
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS ragscope_sketch_stage (bucket %1,"
                           " model_name TEXT, t %2, r %2, g %2)")
                .arg(d.isPostgres() ? QStringLiteral("timestamptz") : QStringLiteral("TEXT"), blob)));
    RAGSCOPE_TRY(clear, m_store.exec(QStringLiteral("DELETE FROM ragscope_sketch_stage")));
    MultiRowInsert stageRows(m_store,
        QStringLiteral("INSERT INTO ragscope_sketch_stage (bucket, model_name, t, r, g) VALUES "),
        QStringLiteral("(%1, ?, ?, ?, ?)").arg(d.timeParam()), StageRowsPerInsert);
    for (const auto& [key, sketches] : rows) {
        const auto& [hour, hasModel, model] = key;
        RAGSCOPE_TRY(added,
            stageRows.add({ hour, hasModel ? QVariant(model) : QVariant(QMetaType::fromType<QString>()),
                sketches[0].toColumnValue(), sketches[1].toColumnValue(), sketches[2].toColumnValue() }));
    }
    RAGSCOPE_TRY(done, stageRows.finish());
    const QString sameModel = d.isPostgres() ? QStringLiteral("IS NOT DISTINCT FROM") : QStringLiteral("IS");
    RAGSCOPE_TRY(update,
        m_store.exec(
            QStringLiteral("UPDATE ragscope_rollup_hour_model SET total_sketch = s.t, retrieval_sketch = s.r,"
                           " generation_sketch = s.g FROM ragscope_sketch_stage s"
                           " WHERE ragscope_rollup_hour_model.bucket = s.bucket"
                           " AND ragscope_rollup_hour_model.model_name %1 s.model_name")
                .arg(sameModel)));
    return streamed;
}

} // namespace RagScope
