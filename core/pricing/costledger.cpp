#include "costledger.h"

#include "costperiodsql.h"
#include "metrics/sqlvalues.h"
#include "money/costtracker.h"

#include <QMap>

namespace RagScope {

namespace {
// price units are 1e-12 USD per 1e6 tokens, so tokens × price is in 1e-18 USD; Money is 1e-8 USD
constexpr qint64 ExactPerMoneyUnit = 10'000'000'000;
} // namespace

Money roundExact(ExactCost exact)
{
    return Money::fromUnits(static_cast<qint64>(divideHalfEven(exact, ExactPerMoneyUnit)));
}

CostLedger::CostLedger(Filter filter, PriceTable prices, QList<CostGroup> groups)
    : m_filter(std::move(filter))
    , m_prices(std::move(prices))
    , m_groups(std::move(groups))
{ }

Result<CostLedger> CostLedger::load(const StorePtr& store, const Filter& filter, const PriceTable& prices)
{
    const SqlDialect d(store->dialect());
    const CostPeriodSql sql(prices, filter);
    const BoundSql statement = sql.statement(d);
    RAGSCOPE_TRY(q, store->exec(statement.sql, statement.values));
    QList<CostGroup> groups;
    while (q.next()) {
        CostGroup g;
        g.day = q.value(0).toString();
        if (!q.value(1).isNull())
            g.model = q.value(1).toString();
        g.priceAt = sql.priceTime(g.day, q.value(2).toInt());
        g.requests = sqlCount(q.value(3));
        g.promptTokens = sqlCount(q.value(4));
        g.completionTokens = sqlCount(q.value(5));
        g.stored = d.moneyValue(q.value(6));
        g.storedPriced = sqlCount(q.value(7));
        groups << g;
    }
    return CostLedger(filter, prices, groups);
}

ExactCost CostLedger::costAt(const CostGroup& group, const ModelPrice& price)
{
    ExactCost exact = ExactCost(group.promptTokens) * price.input.unitsPerMillion;
    if (price.output)
        exact += ExactCost(group.completionTokens) * price.output->unitsPerMillion;
    return exact;
}

std::optional<ExactCost> CostLedger::recomputed(const CostGroup& group) const
{
    if (!group.model)
        return std::nullopt;
    const auto price = m_prices.find(*group.model, group.priceAt);
    if (!price)
        return std::nullopt;
    return costAt(group, *price);
}

QList<CostReconciliation> CostLedger::reconciliation() const
{
    QList<CostReconciliation> rows;
    ExactCost exact = 0;
    const auto close = [&] {
        if (!rows.isEmpty())
            rows.last().recomputed = roundExact(exact);
        exact = 0;
    };
    for (const CostGroup& g : m_groups) {
        // groups arrive by day, then model: a new (day, model) starts a row
        if (rows.isEmpty() || rows.last().day != g.day || rows.last().model != g.model) {
            close();
            CostReconciliation row;
            row.day = g.day;
            row.model = g.model;
            rows.append(row);
        }
        CostReconciliation& row = rows.last();
        row.requests += g.requests;
        row.stored += g.stored;
        row.storedUnpriced += g.requests - g.storedPriced;
        if (const auto cost = recomputed(g))
            exact += *cost;
        else
            row.recomputedUnpriced += g.requests;
    }
    close();
    return rows;
}

QList<DailyCost> CostLedger::daily(CostView view) const
{
    QList<DailyCost> rows;
    QMap<std::pair<QString, QString>, qsizetype> at;
    const QList<CostReconciliation> both = reconciliation();
    for (const CostReconciliation& r : both) {
        DailyCost c;
        c.day = r.day;
        c.model = r.model;
        c.requests = r.requests;
        c.cost = view == CostView::Stored ? r.stored : r.recomputed;
        c.unpricedRequests = view == CostView::Stored ? r.storedUnpriced : r.recomputedUnpriced;
        rows << c;
        at.insert({ r.day, r.model.value_or(QString()) }, rows.size() - 1);
    }
    for (const CostGroup& g : m_groups) {
        DailyCost& c = rows[at.value({ g.day, g.model.value_or(QString()) })];
        c.promptTokens += g.promptTokens;
        c.completionTokens += g.completionTokens;
    }
    return rows;
}

Money CostLedger::total(CostView view, qint64* unpriced) const
{
    Money stored;
    ExactCost exact = 0;
    qint64 missing = 0;
    for (const CostGroup& g : m_groups) {
        if (view == CostView::Stored) {
            stored += g.stored;
            missing += g.requests - g.storedPriced;
        } else if (const auto cost = recomputed(g)) {
            exact += *cost;
        } else {
            missing += g.requests;
        }
    }
    if (unpriced)
        *unpriced = missing;
    return view == CostView::Stored ? stored : roundExact(exact);
}

void CostLedger::applyTo(StatsReport* report, CostView view) const
{
    report->kpis.totalCost = total(view, &report->kpis.unpricedRequests);
    report->dailyCost = daily(view);
    report->projection = CostTracker::project(report->kpis.totalCost, m_filter.from, m_filter.to);
}

QList<Money> CostLedger::dailySeries(CostView view, const QDate& from, const QDate& to) const
{
    return dailySeries(daily(view), from, to);
}

QList<Money> CostLedger::dailySeries(const QList<DailyCost>& days, const QDate& from, const QDate& to)
{
    QList<Money> series(qMax<qint64>(0, from.daysTo(to)));
    for (const DailyCost& c : days) {
        const qint64 i = from.daysTo(QDate::fromString(c.day, Qt::ISODate));
        if (i >= 0 && i < series.size())
            series[i] += c.cost;
    }
    return series;
}

} // namespace RagScope
