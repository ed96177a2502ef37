#include "filtersql.h"

namespace RagScope {

void SqlWhere::add(const QString& condition, const QVariantList& conditionValues)
{
    sql += (sql.isEmpty() ? QString() : QStringLiteral(" AND ")) + condition;
    values += conditionValues;
}

SqlWhere filterWhere(const SqlDialect& dialect, const Filter& filter, const QString& alias)
{
    SqlWhere where;
    where.add(QStringLiteral("%1.created_at >= %2").arg(alias, dialect.timeParam()),
        { dialect.bindTime(filter.from) });
    where.add(QStringLiteral("%1.created_at < %2").arg(alias, dialect.timeParam()),
        { dialect.bindTime(filter.to) });
    if (filter.user)
        where.add(QStringLiteral("%1.user_id = ?").arg(alias), { *filter.user });
    if (filter.model)
        where.add(QStringLiteral("%1.model_name = ?").arg(alias), { *filter.model });
    return where;
}

} // namespace RagScope
