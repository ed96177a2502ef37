#include "opendayuserrows.h"

#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

Status OpenDayUserRows::build() const
{
    const SqlDialect d(m_store.dialect());
    const QString table = QLatin1String(Table);
    RAGSCOPE_TRY(del, m_store.exec(QStringLiteral("DELETE FROM %1").arg(table)));
    RAGSCOPE_TRY(
        ins, m_store.exec(sumUserRows(d, Grain::DayUser, table, info(Grain::HourUser).table, false)));
    return Done {};
}

} // namespace RagScope
