#include "costdisplay.h"

#include <QLocale>

namespace RagScope {

QString CostDisplay::noPrice()
{
    return tr("no price");
}

QString CostDisplay::amount(const std::optional<Money>& cost, Style style)
{
    if (!cost)
        return noPrice();
    switch (style) {
    case Style::Dollars:
        return cost->toDisplayString();
    case Style::DollarsAllPlaces:
        return cost->toDisplayString(Money::Decimals);
    case Style::Plain:
        return cost->toString();
    }
    return {};
}

QString CostDisplay::sum(Money pricedSum, qint64 requests, qint64 unpriced, Style style)
{
    return sumText(amount(pricedSum, style), requests, unpriced);
}

QString CostDisplay::sumText(const QString& pricedSum, qint64 requests, qint64 unpriced)
{
    if (unpriced <= 0)
        return pricedSum;
    if (unpriced >= requests)
        return noPrice();
    return tr("%1 (+%2 %3)").arg(pricedSum, QLocale().toString(unpriced), noPrice());
}

} // namespace RagScope
