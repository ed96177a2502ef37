#include "usdcolumn.h"

#include "money/costdisplay.h"

namespace RagScope {

UsdColumn::UsdColumn(const QList<Money>& amounts)
{
    for (const Money& m : amounts)
        m_places = std::max(m_places, m.placesToShow());
}

QString UsdColumn::amount(Money amount) const
{
    return amount.toDisplayString(m_places);
}

QString UsdColumn::sum(Money pricedSum, qint64 requests, qint64 unpriced) const
{
    return CostDisplay::sumText(amount(pricedSum), requests, unpriced);
}

} // namespace RagScope
