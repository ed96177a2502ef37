#pragma once

#include "metrics/metricstypes.h"

#include <QJsonObject>

namespace RagScope {

/// The JSON object of `ragscope-cli stats --json` (store contract §5): money as strings with
/// 8 decimals, undefined averages/percentiles as null, counts as integers.
QJsonObject statsToJson(const StatsReport& report);

/// "2026-08-22T00:00:00Z" (milliseconds only when present).
QString isoUtc(const QDateTime& time);

} // namespace RagScope
