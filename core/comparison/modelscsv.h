#pragma once

#include "export/csvwriter.h"
#include "modelfigures.h"

namespace RagScope::ModelsCsv {

/// The Models page's table for machines: one row per model, raw values (money exact, rates as
/// fractions, intervals as lo/hi columns, undefined values empty).
CsvTable table(const ModelComparison& comparison);

} // namespace RagScope::ModelsCsv
