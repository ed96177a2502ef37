#pragma once

#include "metrics/filter.h"
#include "metrics/percentilesql.h"
#include "money/pricetable.h"
#include "store/sqldialect.h"

#include <QDateTime>
#include <QList>

namespace RagScope {

/// The SQL behind CostLedger: token sums and the stored cost per UTC day, model and price
/// period, so recomputing costs never reads single rows into C++. A price period is the span
/// between two of the price table's change times inside the window; within one (day, model,
/// period) group every request has the same price.
class CostPeriodSql
{
public:
    CostPeriodSql(const PriceTable& prices, const Filter& filter);

    /// day 'YYYY-MM-DD', model (NULL), period index, requests, prompt sum, completion sum,
    /// stored cost sum (SqlDialect::moneyValue), requests with a stored cost; ordered by day,
    /// model byte-wise, period.
    BoundSql statement(const SqlDialect& d) const;
    /// An instant inside group (day, period): where its price is looked up.
    QDateTime priceTime(const QString& day, int period) const;

private:
    Filter m_filter;
    QList<QDateTime> m_edges; ///< change times strictly inside the window, ascending
};

} // namespace RagScope
