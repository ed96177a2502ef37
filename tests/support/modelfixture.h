#pragma once

#include "metrics/filter.h"
#include "store/store.h"

namespace RagScope::Test {

/// Hand-worked interactions for the model comparison (ModelComparer, `ragscope-cli models`).
/// Window [2026-03-02, 2026-03-16), two UTC weeks (Monday to Sunday):
/// - alpha: 4 requests (u1, u2, u1, u1), latency total 100/200/300/400, retrieval 10/20/–/40,
///   generation 80/150/250/–; confidence 0.5, 0.7, –, 0.9; tokens 1000+100, 2000+200, 3000+300
///   (no stored cost: unpriced), 0+0; cost 0.10000001 + 0.20000002 + 0 = 0.30000003; ratings 5, 1, 4
///   (the 5 given after the window), the last on Sunday 2026-03-15T23:00Z.
/// - beta: 2 requests (u2 on Sunday 2026-03-08, u1), total latency 1000 and none; confidence 0.4,
///   0.6; 500+50 tokens each, cost 0.05 + 0.05000001; ratings 2, 3.
/// - no model: 1 request (u1), 50 ms, confidence 0.8, no tokens, no feedback.
/// - alpha just outside the window on both ends, both rated 1.
/// Reviews (newest per interaction counts): alpha's first two reviewed 4 "good" (after a 2
/// "wrong") and 1 "wrong"; beta's first 5 "good".
void recordModelComparison(const StorePtr& store);
Filter modelComparisonWindow();

} // namespace RagScope::Test
