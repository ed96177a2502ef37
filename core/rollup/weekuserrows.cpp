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
    const GrainInfo& target = info(Grain::WeekUser);
    for (const BucketRun& run : runsOf(weeks, target.seconds, {}, RunJoin::Adjacent)) {
        RAGSCOPE_TRY(del,
            m_store.exec(QStringLiteral("DELETE FROM %1 WHERE bucket >= %2 AND bucket < %2")
                             .arg(target.table, d.timeParam()),
                { run.from, run.to }));
        RAGSCOPE_TRY(ins,
            m_store.exec(sumUserRows(d, Grain::WeekUser, target.table, info(Grain::DayUser).table, true),
                { run.from, run.to }));
    }
    return Done {};
}

} // namespace RagScope
