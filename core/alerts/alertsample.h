#pragma once

#include "money/money.h"
#include "rollup/latencysketch.h"

namespace RagScope {

/// What every alert kind needs of a stretch of time (an hour, or a window) and one group, in a
/// form that adds up: hours merge into windows without going back to the rows.
struct AlertSample
{
    qint64 requests = 0;
    Money cost; ///< exact sum of the priced requests
    qint64 confidenceKnown = 0; ///< answers with a confidence score
    qint64 lowConfidence = 0; ///< of those, below the rule's `below`
    qint64 ratings = 0; ///< feedback by its own created_at
    qint64 lowRatings = 0; ///< of those, <= the rule's `at_most`
    LatencySketch latency; ///< the rule's phase

    void merge(const AlertSample& other)
    {
        requests += other.requests;
        cost += other.cost;
        confidenceKnown += other.confidenceKnown;
        lowConfidence += other.lowConfidence;
        ratings += other.ratings;
        lowRatings += other.lowRatings;
        latency.merge(other.latency);
    }
};

} // namespace RagScope
