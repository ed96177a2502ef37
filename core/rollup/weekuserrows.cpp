#include "weekuserrows.h"

#include "rolluprebuild.h"
#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

Status WeekUserRows::build(const QStringList& days) const
{
    const SqlDialect d(m_store.dialect());
    QStringList weeks;
    for (const QString& day : days) {
        const QDate date = SqlDialect::parseTime(day).date();
        weeks << SqlDialect::isoTime(QDateTime(date.addDays(1 - date.dayOfWeek()), QTime(0, 0), Qt::UTC));
    }
    weeks.removeDuplicates();
    weeks.sort();
    QStringList sums;
    const QString columns = sumColumnNames(d);
    for (const QString& column : columns.split(QStringLiteral(", ")))
        sums << QStringLiteral("SUM(r.%1)").arg(column);
    const QString week = bucketOf(d, Grain::WeekUser, QStringLiteral("r.bucket"));
    const GrainInfo& target = info(Grain::WeekUser);
    for (const BucketRun& run : runsOf(weeks, target.seconds, {}, RunJoin::Adjacent)) {
        RAGSCOPE_TRY(del,
            m_store.exec(QStringLiteral("DELETE FROM %1 WHERE bucket >= %2 AND bucket < %2")
                             .arg(target.table, d.timeParam()),
                { run.from, run.to }));
        RAGSCOPE_TRY(ins,
            m_store.exec(
                QStringLiteral("INSERT INTO %1 (bucket, user_id, %2) SELECT %3, r.user_id, %4"
                               " FROM %5 r WHERE r.bucket >= %6 AND r.bucket < %6 GROUP BY %3, r.user_id")
                    .arg(target.table, columns, week, sums.join(QStringLiteral(", ")),
                        info(Grain::DayUser).table, d.timeParam()),
                { run.from, run.to }));
    }
    return Done {};
}

} // namespace RagScope
