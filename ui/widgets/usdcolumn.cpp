#include "usdcolumn.h"

#include "money/costdisplay.h"

#include <QCoreApplication>
#include <QLocale>

namespace RagScope {

namespace {

/// The fewest places (2 to Money::Decimals) at which `units` does not round to zero.
int placesToShow(qint64 units)
{
    int places = 2;
    qint64 step = Money::UnitsPerDollar / 100; // one unit of the last place shown
    // at exactly half a step, half-to-even would still round to zero: hence <=
    while (places < Money::Decimals && units != 0 && std::abs(units) <= step / 2) {
        ++places;
        step /= 10;
    }
    return places;
}

} // namespace

UsdColumn::UsdColumn(const QList<Money>& amounts)
{
    for (const Money& m : amounts)
        m_places = std::max(m_places, placesToShow(m.units()));
}

QString UsdColumn::amount(Money amount) const
{
    return amount.toDisplayString(m_places);
}

QString UsdColumn::sum(Money pricedSum, qint64 requests, qint64 unpriced) const
{
    if (unpriced <= 0)
        return amount(pricedSum);
    if (unpriced >= requests)
        return CostDisplay::noPrice();
    // CostDisplay's wording and translation
    return QCoreApplication::translate("RagScope::CostDisplay", "%1 (+%2 %3)")
        .arg(amount(pricedSum), QLocale().toString(unpriced), CostDisplay::noPrice());
}

} // namespace RagScope
