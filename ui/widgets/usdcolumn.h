#pragma once

#include "money/money.h"

#include <QList>
#include <QString>

namespace RagScope {

/// Dollar amounts as one table column shows them: every row with the same number of decimal
/// places, enough for the column's smallest non-zero amount to read as non-zero (2 to 8), so
/// "$0.0001" and "$0.0010" line up instead of "$0.0001" over "$0.001". Formatted from the exact
/// amount (half-even), never through a double.
class UsdColumn
{
public:
    UsdColumn() = default;
    explicit UsdColumn(const QList<Money>& amounts);

    int places() const { return m_places; }
    QString amount(Money amount) const;
    /// As CostDisplay::sum(): the priced sum, "no price" when none of the requests has one,
    /// "… (+N no price)" when some have none.
    QString sum(Money pricedSum, qint64 requests, qint64 unpriced) const;

private:
    int m_places = 2;
};

} // namespace RagScope
