#include "daymodelrows.h"

#include "rolluprebuild.h"
#include "rollupsql.h"

#include <tuple>

namespace RagScope {

using namespace RollupSql;

Status DayModelRows::build(const QStringList& days) const
{
    const SqlDialect d(m_store.dialect());
    const QString day = bucketOf(d, Grain::DayModel, QStringLiteral("r.bucket"));
    const QString columns = sumColumnNames(d);
    // (target, source, the columns after bucket and model_name, their sums, grouped by rating)
    const QList<std::tuple<QString, QString, QString, QString, bool>> tables {
        { info(Grain::DayModel).table, info(Grain::HourModel).table, columns, columnSums(d), false },
        { info(Grain::DayModel).feedbackTable, info(Grain::HourModel).feedbackTable,
            QStringLiteral("rating, feedbacks"), QStringLiteral("r.rating, SUM(r.feedbacks)"), true },
        { QStringLiteral("ragscope_rollup_rating_day_model"),
            QStringLiteral("ragscope_rollup_rating_hour_model"),
            QStringLiteral("rating, interactions, conf_n, conf_sum"),
            QStringLiteral("r.rating, SUM(r.interactions), SUM(r.conf_n), SUM(r.conf_sum)"), true },
    };
    for (const BucketRun& run : runsOf(days, 86400, {}, RunJoin::Adjacent)) {
        for (const auto& [target, source, names, values, perRating] : tables) {
            RAGSCOPE_TRY(del,
                m_store.exec(QStringLiteral("DELETE FROM %1 WHERE bucket >= %2 AND bucket < %2")
                                 .arg(target, d.timeParam()),
                    { run.from, run.to }));
            RAGSCOPE_TRY(ins,
                m_store.exec(
                    QStringLiteral("INSERT INTO %1 (bucket, model_name, %2) SELECT %3, r.model_name, %4"
                                   " FROM %5 r WHERE r.bucket >= %6 AND r.bucket < %6"
                                   " GROUP BY %3, r.model_name%7")
                        .arg(target, names, day, values, source, d.timeParam(),
                            perRating ? QStringLiteral(", r.rating") : QString()),
                    { run.from, run.to }));
        }
    }
    return Done {};
}

} // namespace RagScope
