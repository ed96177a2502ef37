#pragma once

#include "base/result.h"
#include "feedback/reviewqueue.h"

#include <QJsonObject>

namespace RagScope {

/// A saved queue's filter (the Review page's filters) as JSON, stored in filter_json.
/// Unknown keys are ignored so a newer RagScope's filters still open here.
namespace QueueFilterJson {
QJsonObject toJson(const ReviewQueueQuery& query);
/// InvalidInput for a value out of range or of the wrong type.
Result<ReviewQueueQuery> fromJson(const QJsonObject& json);
} // namespace QueueFilterJson

} // namespace RagScope
