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
