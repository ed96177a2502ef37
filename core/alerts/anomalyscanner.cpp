#include "anomalyscanner.h"

#include "alertsampler.h"

#include <algorithm>
#include <cmath>

namespace RagScope {

namespace {

constexpr qint64 Hour = 3600;

/// Both series use the detector's defaults; the floor of 2 is in requests, and for cost it is
/// scaled to what 2 requests cost on average.
const AnomalyDetector::Options Defaults = [] {
    AnomalyDetector::Options o;
    o.absoluteFloor = 2.0;
    return o;
}();

Money unitsToMoney(double units)
{
    return Money::fromUnits(qint64(std::llround(units)));
}

} // namespace

QString Anomaly::describe() const
{
    const QString when = hour.toString(QStringLiteral("yyyy-MM-dd HH:00 'UTC'"));
    if (metric == Metric::Cost)
        return QStringLiteral("cost %1: %2, expected %3 – %4")
            .arg(when, cost.toDisplayString(4), costLow.toDisplayString(4), costHigh.toDisplayString(4));
    return QStringLiteral("requests %1: %2, expected %3 – %4")
        .arg(when)
        .arg(qint64(value))
        .arg(std::floor(expectedLow))
        .arg(std::ceil(expectedHigh));
}

AnomalyScanner::AnomalyScanner(StorePtr store)
    : m_store(std::move(store))
{ }

Result<QList<Anomaly>> AnomalyScanner::scan(const Filter& filter) const
{
    RAGSCOPE_TRY(r, report(filter));
    return r.anomalies;
}

Result<AnomalyReport> AnomalyScanner::report(const Filter& filter) const
{
    const AnomalyDetector::Options& requestOptions = Defaults;
    const QDateTime from = AlertSampler::ceilHour(filter.from);
    const QDateTime to = AlertSampler::floorHour(filter.to); // closed hours only
    AnomalyReport result;
    result.firstHour = from;
    if (from >= to)
        return result;
    const qint64 leadHours = qint64(requestOptions.maxWeeks) * requestOptions.period;
    const QDateTime dataFrom = from.addSecs(-leadHours * Hour);
    AlertRule whole; // no grouping; the sample's volume and cost are all that is read
    RAGSCOPE_TRY(hourly, AlertSampler(m_store, whole).hourly(dataFrom, to));
    const size_t hours = size_t(dataFrom.secsTo(to) / Hour);
    std::vector<double> requests(hours, 0.0);
    std::vector<double> cost(hours, 0.0); // units of 1e-8 USD: exact integers in a double up to 2^53
    std::vector<Money> exactCost(hours);
    if (const auto it = hourly.find(QString()); it != hourly.end()) {
        for (size_t h = 0; h < hours && h < it->second.size(); ++h) {
            requests[h] = double(it->second[h].requests);
            cost[h] = double(it->second[h].cost.units());
            exactCost[h] = it->second[h].cost;
        }
    }
    // Cost spreads at least as much as two average requests do (as the request count does).
    qint64 totalRequests = 0;
    Money totalCost;
    for (size_t h = 0; h < hours; ++h) {
        totalRequests += qint64(requests[h]);
        totalCost += exactCost[h];
    }
    AnomalyDetector::Options costOptions = Defaults;
    if (totalRequests > 0)
        costOptions.absoluteFloor *= double(totalCost.units()) / double(totalRequests);
    QList<Anomaly> out;
    for (const SeriesAnomaly& a : AnomalyDetector::detect(cost, qsizetype(leadHours), costOptions)) {
        Anomaly x;
        x.metric = Anomaly::Metric::Cost;
        x.hour = dataFrom.addSecs(a.index * Hour);
        x.cost = exactCost[size_t(a.index)];
        x.costLow = unitsToMoney(a.low);
        x.costHigh = unitsToMoney(a.high);
        x.value = a.value / double(Money::UnitsPerDollar);
        x.expectedLow = a.low / double(Money::UnitsPerDollar);
        x.expectedHigh = a.high / double(Money::UnitsPerDollar);
        out << x;
    }
    for (const SeriesAnomaly& a : AnomalyDetector::detect(requests, qsizetype(leadHours), requestOptions)) {
        Anomaly x;
        x.metric = Anomaly::Metric::Requests;
        x.hour = dataFrom.addSecs(a.index * Hour);
        x.value = a.value;
        x.expectedLow = a.low;
        x.expectedHigh = a.high;
        out << x;
    }
    std::stable_sort(out.begin(), out.end(), [](const Anomaly& a, const Anomaly& b) {
        return a.hour != b.hour ? a.hour < b.hour : a.metric < b.metric;
    });
    result.anomalies = out;
    for (size_t h = size_t(leadHours); h < hours; ++h)
        result.requests << qint64(requests[h]);
    return result;
}

} // namespace RagScope
