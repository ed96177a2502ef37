#pragma once

#include "costview.h"
#include "metrics/filter.h"
#include "metrics/metricstypes.h"
#include "money/money.h"
#include "money/pricetable.h"
#include "store/store.h"

#include <QList>

#include <optional>

namespace RagScope {

/// An exact cost in 1e-18 USD (tokens × price in 1e-12 USD per 1M tokens), before any rounding.
using ExactCost = Int128;
/// An ExactCost rounded half-to-even to Money's 8 places.
Money roundExact(ExactCost exact);

/// One (UTC day, model, price period) group of the window, as aggregated in SQL.
struct CostGroup
{
    QString day;
    std::optional<QString> model;
    QDateTime priceAt; ///< an instant of the group: every request in it has this price
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    Money stored; ///< sum of the stored per-request costs
    qint64 storedPriced = 0; ///< requests with a stored cost
};

/// Stored and recomputed cost of one model on one day (the reconciliation table's row).
struct CostReconciliation
{
    QString day;
    std::optional<QString> model;
    qint64 requests = 0;
    Money stored;
    qint64 storedUnpriced = 0;
    Money recomputed; ///< the exact sum of the day's groups, rounded once
    qint64 recomputedUnpriced = 0;
    Money difference() const { return recomputed - stored; }
};

/// A window's costs in both views, from one grouped statement (CostPeriodSql).
class CostLedger
{
public:
    /// Reads the window's groups from `store` (read-only; safe on any thread's own connection).
    static Result<CostLedger> load(const StorePtr& store, const Filter& filter, const PriceTable& prices);
    /// From groups already read (tests, what-if on a subset).
    CostLedger(Filter filter, PriceTable prices, QList<CostGroup> groups);

    const QList<CostGroup>& groups() const { return m_groups; }
    const PriceTable& prices() const { return m_prices; }
    const Filter& filter() const { return m_filter; }

    /// tokens × the given price; prompt tokens only for an embedding price.
    static ExactCost costAt(const CostGroup& group, const ModelPrice& price);
    /// The group's recomputed cost, none when its model has no price at its time.
    std::optional<ExactCost> recomputed(const CostGroup& group) const;

    /// One row per day and model, both views side by side; by day, then model.
    QList<CostReconciliation> reconciliation() const;
    /// The daily cost table in one view (Stored: as MetricsCollector::dailyCost()).
    QList<DailyCost> daily(CostView view) const;
    /// The window total and its requests without a cost, in one view (recomputed: the exact
    /// sum over all groups, rounded once).
    Money total(CostView view, qint64* unpriced = nullptr) const;
    /// Puts this ledger's `view` into a report of the same window: total cost, requests
    /// without a cost, the daily table and the projection.
    void applyTo(StatsReport* report, CostView view) const;
    /// Daily totals over all models for each day of [from, to) (zero for days without traffic).
    QList<Money> dailySeries(CostView view, const QDate& from, const QDate& to) const;
    /// The same totals of any day × model rows (e.g. MetricsCollector::dailyCost()).
    static QList<Money> dailySeries(const QList<DailyCost>& days, const QDate& from, const QDate& to);

private:
    Filter m_filter;
    PriceTable m_prices;
    QList<CostGroup> m_groups;
};

} // namespace RagScope
