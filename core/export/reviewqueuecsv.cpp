#include "reviewqueuecsv.h"

#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QHash>

namespace RagScope {

namespace {

// Counting pages carry no full texts, so they can be larger than export pages.
constexpr int CountPageFactor = 4;

std::optional<double> optionalDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

std::optional<qint64> optionalInteger(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

/// What a queue page leaves out: the texts in full, the split latencies, tokens, the comment.
struct ReviewQueueCsv::FullText
{
    QString query;
    QString answer;
    int citations = 0;
    std::optional<double> retrievalLatencyMs, generationLatencyMs;
    std::optional<qint64> promptTokens, completionTokens, totalTokens;
    std::optional<QString> userComment;
};

ReviewQueueCsv::ReviewQueueCsv(StorePtr store, int pageSize)
    : m_store(std::move(store))
    , m_pageSize(pageSize)
{ }

QStringList ReviewQueueCsv::columns()
{
    return { QStringLiteral("interaction_id"), QStringLiteral("created_at"), QStringLiteral("user_id"),
        QStringLiteral("model_name"), QStringLiteral("query"), QStringLiteral("answer"),
        QStringLiteral("confidence_score"), QStringLiteral("citations_count"),
        QStringLiteral("total_latency_ms"), QStringLiteral("retrieval_latency_ms"),
        QStringLiteral("generation_latency_ms"), QStringLiteral("prompt_tokens"),
        QStringLiteral("completion_tokens"), QStringLiteral("total_tokens"), QStringLiteral("cost_usd"),
        QStringLiteral("user_rating"), QStringLiteral("user_comment"), QStringLiteral("reviewer_rating"),
        QStringLiteral("reviewer_label") };
}

Result<CsvExportSummary> ReviewQueueCsv::exportTo(const QString& path, const ReviewQueueQuery& query,
    CsvOptions options, const CsvExportControl& control) const
{
    if (control.cancelled())
        return CsvExportSummary { 0, true };
    RAGSCOPE_TRY(total, count(query, control));
    if (!total)
        return CsvExportSummary { 0, true };
    control.report(0, *total);
    return CsvFile::write(path, options, columns(), [&](CsvWriter& writer) -> Result<CsvExportSummary> {
        const ReviewQueue queue(m_store);
        CsvExportSummary summary;
        QString cursor;
        do {
            if (control.cancelled())
                return CsvExportSummary { summary.rows, true };
            RAGSCOPE_TRY(page, queue.fetch(query, m_pageSize, cursor));
            RAGSCOPE_TRY(written, writePage(page.rows, writer));
            if (!writer.ok())
                return makeError(ErrorKind::InvalidInput,
                    QCoreApplication::translate("RagScope::ReviewQueueCsv", "cannot write %1: %2")
                        .arg(path, writer.errorString()));
            summary.rows += written;
            // Rows added since the count still go in; the total grows with them.
            control.report(summary.rows, std::max(*total, summary.rows));
            cursor = page.nextCursor;
        } while (!cursor.isEmpty());
        summary.cancelled = control.cancelled(); // a Cancel during the last page still counts
        return summary;
    });
}

Result<std::optional<qint64>> ReviewQueueCsv::count(
    const ReviewQueueQuery& query, const CsvExportControl& control) const
{
    // ReviewQueue's own pages, so that the count always matches what the export walks.
    const ReviewQueue queue(m_store);
    qint64 rows = 0;
    QString cursor;
    do {
        if (control.cancelled())
            return std::optional<qint64>();
        RAGSCOPE_TRY(page, queue.fetch(query, m_pageSize * CountPageFactor, cursor));
        rows += page.rows.size();
        cursor = page.nextCursor;
    } while (!cursor.isEmpty());
    return std::optional<qint64>(rows);
}

Result<qint64> ReviewQueueCsv::writePage(const QList<InteractionSummary>& page, CsvWriter& writer) const
{
    if (page.isEmpty())
        return 0;
    const SqlDialect d(m_store->dialect());
    QStringList params;
    QVariantList values;
    for (const InteractionSummary& row : page) {
        params << d.uuidParam();
        values << d.bindUuid(row.id);
    }
    RAGSCOPE_TRY(q,
        m_store->exec(
            QStringLiteral("SELECT i.id, i.query, i.answer, i.citations_count, i.retrieval_latency_ms,"
                           " i.generation_latency_ms, i.prompt_tokens, i.completion_tokens,"
                           " i.total_tokens, f.comment"
                           " FROM chat_interactions i"
                           " LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id"
                           " WHERE i.id IN (%1)")
                .arg(params.join(QLatin1Char(','))),
            values));
    QHash<QUuid, FullText> full;
    while (q.next()) {
        FullText text;
        text.query = q.value(1).toString();
        text.answer = q.value(2).toString();
        text.citations = q.value(3).toInt();
        text.retrievalLatencyMs = optionalDouble(q.value(4));
        text.generationLatencyMs = optionalDouble(q.value(5));
        text.promptTokens = optionalInteger(q.value(6));
        text.completionTokens = optionalInteger(q.value(7));
        text.totalTokens = optionalInteger(q.value(8));
        if (!q.value(9).isNull())
            text.userComment = q.value(9).toString();
        full.insert(QUuid::fromString(q.value(0).toString()), text);
    }

    qint64 written = 0;
    for (const InteractionSummary& row : page) {
        const auto text = full.constFind(row.id);
        if (text == full.cend())
            continue; // deleted since the page was read
        writer.writeRow({ CsvCell::text(row.id.toString(QUuid::WithoutBraces)), CsvCell::time(row.createdAt),
            CsvCell::text(row.userId), CsvCell::optional(row.model, CsvCell::text),
            CsvCell::text(text->query), CsvCell::text(text->answer),
            CsvCell::optional(row.confidence, CsvCell::real), CsvCell::integer(text->citations),
            CsvCell::optional(row.totalLatencyMs, CsvCell::real),
            CsvCell::optional(text->retrievalLatencyMs, CsvCell::real),
            CsvCell::optional(text->generationLatencyMs, CsvCell::real),
            CsvCell::optional(text->promptTokens, CsvCell::integer),
            CsvCell::optional(text->completionTokens, CsvCell::integer),
            CsvCell::optional(text->totalTokens, CsvCell::integer),
            CsvCell::optional(row.cost, CsvCell::money), CsvCell::optional(row.userRating, CsvCell::integer),
            CsvCell::optional(text->userComment, CsvCell::text),
            CsvCell::optional(row.reviewerRating, CsvCell::integer),
            row.reviewerLabel.isEmpty() ? CsvCell() : CsvCell::text(row.reviewerLabel) });
        ++written;
    }
    return written;
}

} // namespace RagScope
