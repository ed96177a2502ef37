#include "burndown.h"

#include <cmath>

namespace RagScope {

Money BurnDownPlanner::cents(double usd)
{
    return Money::fromUnits(std::llround(usd * 100.0) * (Money::UnitsPerDollar / 100));
}

BurnDown BurnDownPlanner::plan(
    const QList<Money>& history, const QDate& firstDay, const QDate& asOf, std::optional<Money> budget)
{
    BurnDown b;
    b.asOf = asOf;
    b.budget = budget;
    b.monthStart = QDate(asOf.year(), asOf.month(), 1);
    b.monthEnd = b.monthStart.addMonths(1).addDays(-1);

    // Fit on the days before asOf, from the first day with any cost (an empty start is not a
    // trend, only a store that did not exist yet).
    QList<double> fit;
    QDate fitStart;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const QDate day = firstDay.addDays(i);
        if (day >= asOf)
            break;
        if (fit.isEmpty() && history[i].isZero())
            continue;
        if (fit.isEmpty())
            fitStart = day;
        fit << double(history[i].units()) / double(Money::UnitsPerDollar);
    }
    const CostForecaster forecaster(fit, fitStart.isValid() ? fitStart : asOf);

    for (QDate day = b.monthStart; day < asOf; day = day.addDays(1)) {
        const qint64 i = firstDay.daysTo(day);
        if (i >= 0 && i < history.size())
            b.actualToDate += history[i];
        b.points << BurnDownPoint { day, b.actualToDate, b.actualToDate, b.actualToDate, false };
        if (budget && !b.runOut && b.actualToDate > *budget)
            b.runOut = day;
    }
    // The forecaster's day after its history is fitStart + fit.size(), which is asOf.
    const int ahead = int(asOf.daysTo(b.monthEnd)) + 1;
    for (int j = 1; j <= ahead; ++j) {
        const ForecastDay sum = forecaster.cumulative(j);
        BurnDownPoint p { asOf.addDays(j - 1), b.actualToDate + cents(sum.expected),
            b.actualToDate + cents(sum.low), b.actualToDate + cents(sum.high), true };
        if (budget && !b.runOut && p.cumulative > *budget)
            b.runOut = p.day;
        b.points << p;
    }
    const BurnDownPoint& last = b.points.last();
    b.projectedMonth = last.cumulative;
    b.projectedLow = last.low;
    b.projectedHigh = last.high;
    b.naiveMonth = cents(forecaster.naiveDaily() * b.monthStart.daysInMonth());
    return b;
}

} // namespace RagScope
