#pragma once

#include "base/result.h"
#include "store/store.h"

#include <QStringList>

namespace RagScope {

/// Builds the latency sketches of hour × model rollup rows: streams the total, retrieval and
/// generation latencies of the rebuilt hours once, adds them to one LatencySketch per row and
/// column, and writes the sketch bytes into rows that RollupRefresher has just inserted.
class HourSketches
{
public:
    explicit HourSketches(const Store& store)
        : m_store(store)
    { }

    /// For the interactions of `source` ("chat_interactions i WHERE …" or staged rows aliased i,
    /// with the columns created_at, model_name and the three latencies) bound with `values`;
    /// returns the number of interactions streamed.
    Result<qint64> build(const QString& source, const QVariantList& values) const;

private:
    const Store& m_store;
};

} // namespace RagScope
