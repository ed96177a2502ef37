#include "daysketches.h"

#include <QCoreApplication>

#include "latencysketch.h"
#include "store/multirowinsert.h"
#include "store/sqldialect.h"

#include <array>
#include <map>
#include <tuple>

namespace RagScope {

namespace {

/// (day text, has a model, model): a NULL model is its own row, apart from an empty name.
using RowKey = std::tuple<QString, bool, QString>;
constexpr int RowsPerInsert = 100;

} // namespace

Status DaySketches::build(const QString& from, const QString& to) const
{
    const SqlDialect d(m_store.dialect());
    RAGSCOPE_TRY(del,
        m_store.exec(
            QStringLiteral("DELETE FROM ragscope_rollup_day_model_sketch WHERE bucket >= %1 AND bucket < %1")
                .arg(d.timeParam()),
            { from, to }));
    RAGSCOPE_TRY(q,
        m_store.exec(
            QStringLiteral("SELECT %1, r.model_name, r.total_sketch, r.retrieval_sketch, r.generation_sketch"
                           " FROM ragscope_rollup_hour_model r WHERE r.bucket >= %2 AND r.bucket < %2")
                .arg(d.timeText(QStringLiteral("r.bucket")), d.timeParam()),
            { from, to }));
    std::map<RowKey, std::array<LatencySketch, 3>> days;
    while (q.next()) {
        const QString day = q.value(0).toString().left(10) + QStringLiteral("T00:00:00.000000Z");
        const QVariant model = q.value(1);
        auto& sketches = days[RowKey { day, !model.isNull(), model.toString() }];
        for (int c = 0; c < 3; ++c) {
            if (!q.value(2 + c).isNull() && !sketches[size_t(c)].mergeBytes(q.value(2 + c).toByteArray()))
                return makeError(ErrorKind::Corrupt,
                    QCoreApplication::translate("RagScope::DaySketches",
                        "a latency sketch in ragscope_rollup_hour_model is damaged"
                        " (run `ragscope-cli rollup --verify`)"));
        }
    }
    MultiRowInsert rows(m_store,
        QStringLiteral("INSERT INTO ragscope_rollup_day_model_sketch"
                       " (bucket, model_name, total_sketch, retrieval_sketch, generation_sketch) VALUES "),
        QStringLiteral("(%1, ?, ?, ?, ?)").arg(d.timeParam()), RowsPerInsert);
    for (const auto& [key, sketches] : days) {
        const auto& [day, hasModel, model] = key;
        RAGSCOPE_TRY(added,
            rows.add({ day, hasModel ? QVariant(model) : QVariant(QMetaType::fromType<QString>()),
                sketches[0].toColumnValue(), sketches[1].toColumnValue(), sketches[2].toColumnValue() }));
    }
    return rows.finish();
}

} // namespace RagScope
