#pragma once

#include "costforecaster.h"
#include "money/money.h"

#include <QDate>
#include <QList>

#include <optional>

namespace RagScope {

/// One day of the month's burn-down: cumulative cost since the 1st (actual up to yesterday,
/// then the forecast with its 80% band). Forecast amounts are doubles rounded to cents.
struct BurnDownPoint
{
    QDate day;
    Money cumulative; ///< actual, or the forecast's expected value
    Money low; ///< = cumulative for actual days
    Money high;
    bool forecast = false;
};

/// The current month against a monthly budget. Days before `asOf` are actual; `asOf` and
/// later are forecast (today counts as forecast until it is over).
struct BurnDown
{
    QDate asOf;
    QDate monthStart;
    QDate monthEnd; ///< the month's last day
    QList<BurnDownPoint> points; ///< monthStart … monthEnd
    Money actualToDate;
    Money projectedMonth; ///< expected month total (rounded to cents)
    Money projectedLow;
    Money projectedHigh;
    Money naiveMonth; ///< the naive projection: history's daily mean × days in the month
    std::optional<Money> budget;
    std::optional<QDate> runOut; ///< the day the cumulative cost passes the budget (expected)

    bool onTrack() const { return !budget || projectedMonth <= *budget; }
    Money overBy() const { return budget ? projectedMonth - *budget : Money(); }
};

/// Builds a BurnDown from a daily cost history with CostForecaster.
class BurnDownPlanner
{
public:
    /// `history[i]` is the cost of day `firstDay + i`; it must reach at least `asOf − 1`.
    static BurnDown plan(
        const QList<Money>& history, const QDate& firstDay, const QDate& asOf, std::optional<Money> budget);
    /// USD as double → Money rounded to cents (how forecasts are shown).
    static Money cents(double usd);
    /// How many days of history the forecast is fitted on.
    static constexpr int HistoryDays = 56;
};

} // namespace RagScope
