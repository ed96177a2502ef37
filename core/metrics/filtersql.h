#pragma once

#include "filter.h"
#include "store/sqldialect.h"

#include <QString>
#include <QVariantList>

namespace RagScope {

/// A WHERE fragment with its bound values, in order.
struct SqlWhere
{
    QString sql;
    QVariantList values;

    /// Appends "AND <condition>" with its values.
    void add(const QString& condition, const QVariantList& conditionValues = {});
};

/// "<alias>.created_at >= ? AND <alias>.created_at < ?" plus user/model conditions when set.
/// User and model are bound values, never spliced into the SQL.
SqlWhere filterWhere(const SqlDialect& dialect, const Filter& filter, const QString& alias);

} // namespace RagScope
