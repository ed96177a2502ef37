#pragma once

#include "base/result.h"
#include "recorder/interactionrecord.h"

#include <QJsonObject>

namespace RagScope {

/// The JSON body of `POST /api/v1/chat/interactions`: the chat_interactions columns by name
/// (user_id and query required; id, created_at, cost_estimate optional). Money is a decimal
/// string ("0.00012500"), times strict ISO 8601. Unknown fields and wrong types are refused
/// (InvalidInput naming the field); the value rules are InteractionRecorder::validate's.
Result<InteractionRecord> interactionFromJson(const QJsonObject& json);

} // namespace RagScope
