#include "drilldownquery.h"

namespace RagScope {

ReviewQueueQuery bucketDrillDown(
    const Filter& page, const QDateTime& from, const QDateTime& to, ReviewQueueQuery::SortKey sort)
{
    ReviewQueueQuery query;
    query.kind = ReviewQueueQuery::Kind::All; // the bucket alone: as many rows as the chart counts
    query.filter = page;
    if (!page.from.isValid() || from > page.from)
        query.filter.from = from;
    if (!page.to.isValid() || to < page.to)
        query.filter.to = to;
    query.sort = sort;
    query.descending = true;
    return query;
}

} // namespace RagScope
