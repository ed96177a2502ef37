#pragma once

#include "anomalydetector.h"
#include "base/result.h"
#include "metrics/filter.h"
#include "money/money.h"
#include "store/store.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>

namespace RagScope {

/// A flagged hour of cost or request volume, with its expected range.
struct Anomaly
{
    enum class Metric { Cost, Requests };
    Metric metric = Metric::Cost;
    QDateTime hour; ///< start of the UTC hour
    double value = 0; ///< requests, or cost in USD (for charts; the exact amounts are below)
    double expectedLow = 0;
    double expectedHigh = 0;
    Money cost; ///< Metric::Cost: the hour's exact cost
    Money costLow; ///< Metric::Cost: expected range, rounded to 1e-8 USD
    Money costHigh;

    /// "cost 2026-11-02 14:00 UTC: $3.2100, expected $0.2000 – $0.8000" (4 places: hourly amounts are small)
    QString describe() const;
};

/// The hourly request counts of a window (closed hours) and the anomalies in it.
struct AnomalyReport
{
    QDateTime firstHour; ///< start of requests[0]
    QList<qint64> requests;
    QList<Anomaly> anomalies; ///< by time, cost first at a tie
};

/// Hourly cost and request volume of the whole store (AlertSampler, so rollups where they
/// exist) over a window plus the four weeks before it, judged by AnomalyDetector with a spread
/// of at least 2 requests (for cost: what 2 requests cost on average). Blocking.
class AnomalyScanner
{
public:
    explicit AnomalyScanner(StorePtr store);

    /// The flagged closed hours inside [filter.from, filter.to), by time (cost first at a tie).
    Result<QList<Anomaly>> scan(const Filter& filter) const;
    /// scan() with the window's hourly request counts (the Overview chart).
    Result<AnomalyReport> report(const Filter& filter) const;

private:
    StorePtr m_store;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::Anomaly)
Q_DECLARE_METATYPE(RagScope::AnomalyReport)
