#include "abcomparison.h"

namespace RagScope {

AbTests AbTests::of(const ComparisonStats::RatingCounts& a, const ComparisonStats::RatingCounts& b)
{
    using namespace ComparisonStats;
    AbTests t;
    t.a = a;
    t.b = b;
    t.enoughData = total(a) >= MinSamplePerModel && total(b) >= MinSamplePerModel;
    if (!t.enoughData)
        return t;
    t.meanRating = welch(a, b);
    t.ratings = mannWhitney(a, b);
    t.lowRatedRate = twoProportion(lowRated(a), total(a), lowRated(b), total(b));
    return t;
}

} // namespace RagScope
