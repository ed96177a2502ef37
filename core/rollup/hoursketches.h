#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QStringList>

namespace RagScope {

/// Builds the latency sketches of hour × model rollup rows: streams the total, retrieval and
/// generation latencies of the listed hours once, adds them to one LatencySketch per row and
/// column, and writes the sketch bytes into rows that RollupRefresher has just inserted.
class HourSketches
{
public:
    explicit HourSketches(const Store& store)
        : m_store(store)
    { }

    /// For the hours in [from, to) (bucket texts); returns the number of interactions streamed.
    Result<qint64> build(const QString& from, const QString& to) const;

private:
    const Store& m_store;
};

} // namespace RagScope
