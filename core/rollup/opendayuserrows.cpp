#include "opendayuserrows.h"

#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

Status OpenDayUserRows::build() const
{
    const SqlDialect d(m_store.dialect());
    const QString table = QLatin1String(Table);
    QStringList sums;
    const QString columns = sumColumnNames(d);
    for (const QString& column : columns.split(QStringLiteral(", ")))
        sums << QStringLiteral("SUM(r.%1)").arg(column);
    const QString day = bucketOf(d, Grain::DayUser, QStringLiteral("r.bucket"));
    RAGSCOPE_TRY(del, m_store.exec(QStringLiteral("DELETE FROM %1").arg(table)));
    RAGSCOPE_TRY(ins,
        m_store.exec(
            QStringLiteral("INSERT INTO %1 (bucket, user_id, %2) SELECT %3, r.user_id, %4 FROM %5 r"
                           " GROUP BY %3, r.user_id")
                .arg(table, columns, day, sums.join(QStringLiteral(", ")), info(Grain::HourUser).table)));
    return Done {};
}

} // namespace RagScope
