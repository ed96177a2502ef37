#include "interactionrecorder.h"

#include "base/performancemonitor.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRecorder, "ragscope.recorder")

namespace RagScope {

namespace {

QVariant nullable(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<double>());
}

QVariant nullable(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>());
}

Error invalid(const QString& why)
{
    return makeError(ErrorKind::InvalidInput, why);
}

} // namespace

InteractionRecorder::InteractionRecorder(StorePtr store, CostTracker costs)
    : m_store(std::move(store))
    , m_costs(std::move(costs))
{ }

Status InteractionRecorder::validate(const InteractionRecord& r)
{
    if (r.userId.trimmed().isEmpty())
        return invalid(QStringLiteral("an interaction needs a user id"));
    if (r.userId.size() > 255)
        return invalid(QStringLiteral("user id is longer than 255 characters"));
    if (r.query.isEmpty())
        return invalid(QStringLiteral("an interaction needs a query"));
    if (r.model && r.model->size() > 100)
        return invalid(QStringLiteral("model name is longer than 100 characters"));
    if (r.confidence && !(*r.confidence >= 0.0 && *r.confidence <= 1.0))
        return invalid(QStringLiteral("confidence %1 is outside 0–1").arg(*r.confidence));
    if (r.citations < 0)
        return invalid(QStringLiteral("citations cannot be negative"));
    for (const auto& latency : { r.totalLatencyMs, r.retrievalLatencyMs, r.generationLatencyMs }) {
        if (latency && !(*latency >= 0.0))
            return invalid(QStringLiteral("latencies cannot be negative"));
    }
    for (const auto& tokens : { r.promptTokens, r.completionTokens, r.totalTokens }) {
        if (tokens && (*tokens < 0 || *tokens > std::numeric_limits<qint32>::max()))
            return invalid(QStringLiteral("token counts must be between 0 and 2147483647"));
    }
    // total_tokens is derived when not given; it must fit the same 32-bit column
    if (!r.totalTokens && r.promptTokens && r.completionTokens
        && *r.promptTokens + *r.completionTokens > std::numeric_limits<qint32>::max())
        return invalid(
            QStringLiteral("prompt + completion tokens exceed 2147483647, the most total_tokens holds"));
    if (r.cost && (r.cost->units() < 0 || r.cost->units() >= 100'000'000LL * 1'000'000))
        return invalid(QStringLiteral("cost %1 does not fit NUMERIC(14,8)").arg(r.cost->toString()));
    return Done {};
}

InteractionRecord InteractionRecorder::complete(const InteractionRecord& r) const
{
    InteractionRecord c = r;
    if (c.id.isNull())
        c.id = QUuid::createUuid();
    if (!c.totalTokens && c.promptTokens && c.completionTokens)
        c.totalTokens = *c.promptTokens + *c.completionTokens;
    if (!c.cost && c.model && (c.promptTokens || c.completionTokens)) {
        // the price in effect when the request was made (a backfill of old rows: its old price)
        c.cost = m_costs.chatCost(
            *c.model, c.promptTokens.value_or(0), c.completionTokens.value_or(0), c.createdAt);
        if (!c.cost) {
            QMutexLocker lock(&m_unpriced->mutex);
            if (!m_unpriced->models.contains(*c.model)) {
                qCWarning(lcRecorder).noquote()
                    << "no price for model" << *c.model << "- stored without cost";
                m_unpriced->models << *c.model;
            }
        }
    }
    if (!c.createdAt.isValid())
        c.createdAt = QDateTime::currentDateTimeUtc();
    return c;
}

QString InteractionRecorder::insertSql(Dialect dialect)
{
    const SqlDialect d(dialect);
    static const QString sqlTemplate = QStringLiteral(
        "INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, citations_count,"
        " total_latency_ms, retrieval_latency_ms, generation_latency_ms, prompt_tokens, completion_tokens,"
        " total_tokens, model_name, %1, created_at)"
        " VALUES (%2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %3, %4)");
    return sqlTemplate.arg(d.costColumn(QStringLiteral("chat_interactions")).section(QLatin1Char('.'), 1),
        d.uuidParam(), d.moneyParam(), d.timeParam());
}

QVariantList InteractionRecorder::insertValues(Dialect dialect, const InteractionRecord& r)
{
    const SqlDialect d(dialect);
    // answer is NOT NULL in the store: an answer left out is an empty one
    const QString answer = r.answer.isNull() ? QStringLiteral("") : r.answer;
    return { d.bindUuid(r.id), r.userId, r.query, answer, nullable(r.confidence), r.citations,
        nullable(r.totalLatencyMs), nullable(r.retrievalLatencyMs), nullable(r.generationLatencyMs),
        nullable(r.promptTokens), nullable(r.completionTokens), nullable(r.totalTokens),
        r.model ? QVariant(*r.model) : QVariant(QMetaType::fromType<QString>()),
        r.cost ? d.bindMoney(*r.cost) : QVariant(QMetaType::fromType<QString>()), d.bindTime(r.createdAt) };
}

Result<QUuid> InteractionRecorder::insert(const InteractionRecord& record) const
{
    const InteractionRecord r = complete(record);
    const auto q = m_store->exec(insertSql(m_store->dialect()), insertValues(m_store->dialect(), r));
    if (!q.ok())
        return q.error();
    return r.id;
}

Result<QUuid> InteractionRecorder::record(const InteractionRecord& record) const
{
    PerformanceMonitor perf(QStringLiteral("record interaction"));
    const Status valid = validate(record);
    if (!valid.ok())
        return valid.error();
    return insert(record);
}

Result<QList<QUuid>> InteractionRecorder::recordBatch(const QList<InteractionRecord>& records) const
{
    PerformanceMonitor perf(QStringLiteral("record %1 interactions").arg(records.size()));
    for (qsizetype i = 0; i < records.size(); ++i) {
        const Status valid = validate(records[i]);
        if (!valid.ok())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::InteractionRecorder", "record %1: %2")
                    .arg(i + 1)
                    .arg(valid.error().message));
    }
    QList<QUuid> ids;
    ids.reserve(records.size());
    const Status written = m_store->transaction([&]() -> Status {
        for (const InteractionRecord& r : records) {
            RAGSCOPE_TRY(id, insert(r));
            ids << id;
        }
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return ids;
}

QStringList InteractionRecorder::unpricedModels() const
{
    QMutexLocker lock(&m_unpriced->mutex);
    return m_unpriced->models;
}

} // namespace RagScope
