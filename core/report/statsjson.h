#pragma once

#include "metrics/metricstypes.h"
#include "metrics/overviewreport.h"

#include <QJsonObject>

namespace RagScope {

/// The JSON object of `ragscope-cli stats --json` (store contract §5): money as strings with
/// 8 decimals, undefined averages/percentiles as null, counts as integers.
QJsonObject statsToJson(const StatsReport& report);

/// The "previous" object of `stats --compare`: the previous window of the same length, its
/// figures, and "change" (this window − previous; money exact, percentages null from nothing).
QJsonObject previousToJson(const OverviewReport& comparison);

/// "2026-08-22T00:00:00Z" (milliseconds only when present).
QString isoUtc(const QDateTime& time);

} // namespace RagScope
