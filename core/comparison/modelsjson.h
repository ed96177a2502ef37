#pragma once

#include "abcomparison.h"
#include "modelfigures.h"

#include <QJsonObject>

namespace RagScope {

/// The object of `ragscope-cli models --json`: {"window", "models": [...]}, models sorted by
/// name (no model last, as null). Money as strings with 8 decimals; counts exact; percentiles
/// equal to percentile_cont; undefined figures (a mean over nothing, an interval of fewer than
/// two ratings) null.
QJsonObject modelsToJson(const ModelComparison& comparison);

/// `models --ab A,B --json`: {"a", "b", "min_sample", "window": tests, "weeks": [...]}.
QJsonObject abToJson(const AbComparison& comparison);

} // namespace RagScope
