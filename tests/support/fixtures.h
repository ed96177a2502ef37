#pragma once

#include "base/result.h"
#include "feedback/feedbacktypes.h"
#include "recorder/interactionrecorder.h"
#include "store/store.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <functional>

namespace RagScope::Test {

/// Stores one fixture interaction through InteractionRecorder; fatal (qFatal) if that fails.
QUuid recordInteraction(const StorePtr& store, const InteractionRecord& record);

/// Two weeks for the Overview's figures (MetricsCollector::overview, `stats --compare`).
/// This week [2026-01-08, 2026-01-15): four requests — alice's two gemini-1.5-pro ones with 2M
/// prompt tokens at $0.125/1M ($0.25 each), bob's of a model without a price, alice's pro one
/// without tokens ($0) — latencies 100, 200, 300, 400 ms, confidence 0.5, 0.7, 0.9 and none,
/// rated 5 and 2 in the week. The week before: carol's two pro requests without tokens, 100 ms,
/// confidence 0.8, no feedback.
void recordOverviewWeeks(const StorePtr& store);

/// SHA-256 of a file's bytes in hex (empty if it cannot be read): "unchanged" in robustness tests.
QByteArray fileSha256(const QString& path);

/// Number of rows in a table (a fixed name from the test, never user input); fatal on failure.
qint64 countRows(const Store& store, const QString& table);

/// One keyset page of interactions for (limit, cursor), e.g. a ReviewQueue or FeedbackService list.
using InteractionPageFn = std::function<Result<Page<InteractionSummary>>(int limit, const QString& cursor)>;

/// Walks every page of size pageSize from the start and collects the ids in order; fatal if a
/// page fails, is larger than asked, or the paging never ends.
QList<QUuid> collectPageIds(const InteractionPageFn& fetch, int pageSize);

} // namespace RagScope::Test
