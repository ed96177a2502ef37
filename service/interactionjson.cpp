#include "interactionjson.h"

#include "base/isotime.h"
#include "feedback/feedbackrules.h"

#include <QJsonValue>

#include <cmath>
#include <limits>

namespace RagScope {

namespace {

Error wrongType(const QString& field, const char* expected)
{
    return makeError(ErrorKind::InvalidInput,
        QStringLiteral("field '%1' must be %2").arg(field, QString::fromLatin1(expected)));
}

Result<std::optional<double>> optionalNumber(const QJsonObject& json, const QString& field)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<double>();
    if (!v.isDouble())
        return wrongType(field, "a number or null");
    return std::optional<double>(v.toDouble());
}

Result<std::optional<qint64>> optionalInteger(const QJsonObject& json, const QString& field)
{
    RAGSCOPE_TRY(number, optionalNumber(json, field));
    if (!number)
        return std::optional<qint64>();
    // beyond ±2^53 a JSON number is no longer exact; the columns hold 32 bits anyway
    if (*number != std::floor(*number) || std::fabs(*number) > 9.0e15)
        return wrongType(field, "a whole number or null");
    return std::optional<qint64>(qint64(*number));
}

Result<std::optional<QString>> optionalString(const QJsonObject& json, const QString& field)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<QString>();
    if (!v.isString())
        return wrongType(field, "a string or null");
    return std::optional<QString>(v.toString());
}

} // namespace

Result<InteractionRecord> interactionFromJson(const QJsonObject& json)
{
    static const QStringList known { QStringLiteral("id"), QStringLiteral("user_id"), QStringLiteral("query"),
        QStringLiteral("answer"), QStringLiteral("confidence_score"), QStringLiteral("citations_count"),
        QStringLiteral("total_latency_ms"), QStringLiteral("retrieval_latency_ms"),
        QStringLiteral("generation_latency_ms"), QStringLiteral("prompt_tokens"),
        QStringLiteral("completion_tokens"), QStringLiteral("total_tokens"), QStringLiteral("model_name"),
        QStringLiteral("cost_estimate"), QStringLiteral("created_at") };
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            return makeError(
                ErrorKind::InvalidInput, QStringLiteral("unknown field '%1'").arg(it.key().left(64)));
    }
    InteractionRecord r;
    RAGSCOPE_TRY(id, optionalString(json, QStringLiteral("id")));
    if (id) {
        RAGSCOPE_TRY(uuid, FeedbackRules::parseInteractionId(*id));
        r.id = uuid;
    }
    RAGSCOPE_TRY(user, optionalString(json, QStringLiteral("user_id")));
    RAGSCOPE_TRY(query, optionalString(json, QStringLiteral("query")));
    RAGSCOPE_TRY(answer, optionalString(json, QStringLiteral("answer")));
    r.userId = user.value_or(QString());
    r.query = query.value_or(QString());
    r.answer = answer.value_or(QString());
    RAGSCOPE_TRY(confidence, optionalNumber(json, QStringLiteral("confidence_score")));
    r.confidence = confidence;
    RAGSCOPE_TRY(citations, optionalInteger(json, QStringLiteral("citations_count")));
    if (citations && (*citations < 0 || *citations > std::numeric_limits<int>::max()))
        return wrongType(QStringLiteral("citations_count"), "a whole number from 0 to 2147483647");
    r.citations = int(citations.value_or(0));
    RAGSCOPE_TRY(total, optionalNumber(json, QStringLiteral("total_latency_ms")));
    RAGSCOPE_TRY(retrieval, optionalNumber(json, QStringLiteral("retrieval_latency_ms")));
    RAGSCOPE_TRY(generation, optionalNumber(json, QStringLiteral("generation_latency_ms")));
    r.totalLatencyMs = total;
    r.retrievalLatencyMs = retrieval;
    r.generationLatencyMs = generation;
    RAGSCOPE_TRY(prompt, optionalInteger(json, QStringLiteral("prompt_tokens")));
    RAGSCOPE_TRY(completion, optionalInteger(json, QStringLiteral("completion_tokens")));
    RAGSCOPE_TRY(tokens, optionalInteger(json, QStringLiteral("total_tokens")));
    r.promptTokens = prompt;
    r.completionTokens = completion;
    r.totalTokens = tokens;
    RAGSCOPE_TRY(model, optionalString(json, QStringLiteral("model_name")));
    r.model = model;
    if (json.value(QStringLiteral("cost_estimate")).isDouble()) // never through a binary double
        return wrongType(QStringLiteral("cost_estimate"), "a decimal string such as \"0.00012500\" or null");
    RAGSCOPE_TRY(cost, optionalString(json, QStringLiteral("cost_estimate")));
    if (cost) {
        RAGSCOPE_TRY(money, Money::parse(*cost));
        r.cost = money;
    }
    RAGSCOPE_TRY(created, optionalString(json, QStringLiteral("created_at")));
    if (created) {
        RAGSCOPE_TRY(time, parseIsoTime(*created, QStringLiteral("created_at")));
        r.createdAt = time;
    }
    return r;
}

} // namespace RagScope
