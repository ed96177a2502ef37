#pragma once

#include "money.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace RagScope {

/// How a cost that may be missing reads on screen and in CLI text. A request whose model is not
/// in the price table has no cost, which is not $0: it reads "no price" everywhere. (JSON keeps
/// the contract's own form: money strings plus unpriced counts.)
class CostDisplay
{
    Q_DECLARE_TR_FUNCTIONS(RagScope::CostDisplay)
public:
    enum class Style {
        Dollars, ///< "$1,234.57" (more places for sub-cent amounts)
        DollarsAllPlaces, ///< "$1,234.56789012"
        Plain ///< "1234.56789012": every place, no symbol (table columns, CSV, CLI columns)
    };

    static QString noPrice();
    /// One request's cost, or noPrice() when it has none.
    static QString amount(const std::optional<Money>& cost, Style style = Style::Dollars);
    /// The cost of `requests` requests of which `unpriced` have no price: the priced sum;
    /// noPrice() when none of them has a price; "… (+N no price)" when some have none.
    static QString sum(Money pricedSum, qint64 requests, qint64 unpriced, Style style = Style::Dollars);
    /// sum() with the priced sum already formatted (a table column's own decimals).
    static QString sumText(const QString& pricedSum, qint64 requests, qint64 unpriced);
};

} // namespace RagScope
