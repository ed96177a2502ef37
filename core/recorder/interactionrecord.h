#pragma once

#include "money/money.h"

#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace RagScope {

/// One chat answer as a RAG service reports it (a row of chat_interactions).
struct InteractionRecord
{
    QUuid id; ///< null: a new random id is assigned
    QString userId;
    QString query;
    QString answer;
    std::optional<double> confidence;
    int citations = 0;
    std::optional<double> totalLatencyMs;
    std::optional<double> retrievalLatencyMs;
    std::optional<double> generationLatencyMs;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> totalTokens; ///< null: prompt + completion when both are known
    std::optional<QString> model;
    std::optional<Money> cost; ///< null: computed from the price table (none for unknown models)
    QDateTime createdAt; ///< invalid: now
};

} // namespace RagScope
