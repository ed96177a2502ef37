#pragma once

#include "keysetcursor.h"
#include "metrics/filtersql.h"
#include "reviewqueue.h"
#include "store/sqldialect.h"

/// How the review queue orders its rows and pages through them by keyset: the sort value of each
/// key (NULLs as sentinels beyond every real value, so they come last both ways) and the keyset
/// condition that continues from a cursor row.
namespace RagScope::QueueOrdering {

enum class SortType { Time, Real, Integer, Amount };

struct SortSpec
{
    QString expr;
    QVariantList values;
    SortType type = SortType::Time;
};

SortSpec sortSpec(const SqlDialect& d, ReviewQueueQuery::SortKey key, bool descending);
/// Names the ordering a cursor was made for, so a cursor from another ordering is refused.
QString orderingTag(const ReviewQueueQuery& query);
Error badCursor();

/// Where a keyset condition puts the cursor row's key: the rows after it, from it on, or up to it.
enum class Side { After, From, Through };
QString keysetOperator(Side side, bool descending);
/// The keyset condition (operator `op`) of the cursor row and its bound values.
Result<SqlWhere> keysetCondition(
    const SqlDialect& d, const SortSpec& sort, const QString& op, const KeysetCursor& cursor);
/// The cursor's text of a row's sort value.
QString sortValueText(const SqlDialect& d, SortType type, const QVariant& value);

} // namespace RagScope::QueueOrdering
