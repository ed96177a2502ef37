#include "reviewdataset.h"

#include "feedback/reviewservice.h"
#include "queueitems.h"
#include "queueverdicts.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace RagScope {

namespace {

QJsonValue optionalJson(const auto& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString isoTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject verdictJson(const Review& r)
{
    return QJsonObject { { QStringLiteral("id"), r.id.toString(QUuid::WithoutBraces) },
        { QStringLiteral("reviewer"), r.reviewer }, { QStringLiteral("rating"), r.rating },
        { QStringLiteral("label"), textOrNull(r.label) },
        { QStringLiteral("comment"), textOrNull(r.comment) },
        { QStringLiteral("created_at"), isoTime(r.createdAt) } };
}

QJsonArray verdictsJson(const QList<Review>& verdicts)
{
    QJsonArray list;
    for (const Review& r : verdicts)
        list.append(verdictJson(r));
    return list;
}

DatasetRow finish(InteractionDetail detail, QList<Review> verdicts, std::optional<Review> adjudication)
{
    std::sort(verdicts.begin(), verdicts.end(),
        [](const Review& a, const Review& b) { return a.reviewer < b.reviewer; });
    DatasetRow row { std::move(detail), verdicts, std::move(adjudication), false };
    row.adjudicated = row.final.has_value();
    if (!row.final && !verdicts.isEmpty())
        row.final
            = *std::max_element(verdicts.cbegin(), verdicts.cend(), [](const Review& a, const Review& b) {
                  return std::pair(a.createdAt, a.id) < std::pair(b.createdAt, b.id);
              });
    return row;
}

} // namespace

ReviewDataset::ReviewDataset(StorePtr store)
    : m_store(std::move(store))
{ }

Result<QList<DatasetRow>> ReviewDataset::rows(
    const std::optional<SavedQueue>& queue, const CsvExportControl& control, bool* cancelled) const
{
    // Reading each interaction's detail is the slow part: progress and Cancel go per item.
    qint64 done = 0;
    const auto stop = [&](qint64 total) {
        control.report(done++, total);
        if (!control.cancelled())
            return false;
        if (cancelled)
            *cancelled = true;
        return true;
    };
    if (!m_store->hasReviews())
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate("RagScope::ReviewDataset", "this store has no reviewers' table: %1")
                .arg(m_store->reviewsOffReason()));
    const ReviewQueue reader(m_store);
    QList<DatasetRow> rows;
    if (queue) {
        RAGSCOPE_TRY(items, QueueItems(m_store, *queue).all());
        RAGSCOPE_TRY(verdicts, QueueVerdicts::read(*m_store, queue->id));
        for (const QUuid& id : std::as_const(items)) {
            if (stop(items.size()))
                return QList<DatasetRow> {};
            const auto found = verdicts.constFind(id);
            if (found == verdicts.cend() || (found->byReviewer.isEmpty() && !found->adjudication))
                continue;
            RAGSCOPE_TRY(detail, reader.detail(id));
            QList<Review> reviews;
            for (const QueueVerdict& v : found->byReviewer)
                reviews << v.review;
            rows << finish(detail, reviews, found->adjudication);
        }
    } else {
        const SqlDialect d(m_store->dialect());
        RAGSCOPE_TRY(ids,
            m_store->exec(QStringLiteral("SELECT DISTINCT r.interaction_id FROM ragscope_reviews r WHERE %1")
                              .arg(ReviewService::inForce(*m_store, QStringLiteral("r")))));
        QList<QUuid> items;
        while (ids.next())
            items << QUuid::fromString(ids.value(0).toString());
        for (const QUuid& id : std::as_const(items)) {
            if (stop(items.size()))
                return QList<DatasetRow> {};
            RAGSCOPE_TRY(detail, reader.detail(id));
            QList<Review> reviews;
            std::optional<Review> adjudication;
            for (const Review& r : std::as_const(detail.latestReviews)) {
                if (!r.adjudication)
                    reviews << r;
                else if (!adjudication || adjudication->createdAt < r.createdAt)
                    adjudication = r;
            }
            rows << finish(detail, reviews, adjudication);
        }
    }
    control.report(done, done);
    std::sort(rows.begin(), rows.end(), [](const DatasetRow& a, const DatasetRow& b) {
        return std::pair(a.detail.createdAt, a.detail.id) < std::pair(b.detail.createdAt, b.detail.id);
    });
    return rows;
}

QJsonObject ReviewDataset::toJson(const DatasetRow& row)
{
    const InteractionDetail& d = row.detail;
    QJsonObject metrics { { QStringLiteral("confidence"), optionalJson(d.confidence) },
        { QStringLiteral("citations"), d.citations },
        { QStringLiteral("total_latency_ms"), optionalJson(d.totalLatencyMs) },
        { QStringLiteral("retrieval_latency_ms"), optionalJson(d.retrievalLatencyMs) },
        { QStringLiteral("generation_latency_ms"), optionalJson(d.generationLatencyMs) },
        { QStringLiteral("prompt_tokens"),
            d.promptTokens ? QJsonValue(double(*d.promptTokens)) : QJsonValue() },
        { QStringLiteral("completion_tokens"),
            d.completionTokens ? QJsonValue(double(*d.completionTokens)) : QJsonValue() },
        { QStringLiteral("total_tokens"), d.totalTokens ? QJsonValue(double(*d.totalTokens)) : QJsonValue() },
        // money stays an exact decimal string
        { QStringLiteral("cost_usd"), d.cost ? QJsonValue(d.cost->toString()) : QJsonValue() } };
    QJsonValue feedback;
    if (d.feedback)
        feedback = QJsonObject { { QStringLiteral("rating"), d.feedback->rating },
            { QStringLiteral("comment"), textOrNull(d.feedback->comment) },
            { QStringLiteral("created_at"), isoTime(d.feedback->createdAt) } };
    QJsonValue finalVerdict;
    if (row.final) {
        QJsonObject f = verdictJson(*row.final);
        f.insert(QStringLiteral("source"),
            row.adjudicated ? QStringLiteral("adjudicated") : QStringLiteral("latest"));
        finalVerdict = f;
    }
    return QJsonObject { { QStringLiteral("interaction_id"), d.id.toString(QUuid::WithoutBraces) },
        { QStringLiteral("created_at"), isoTime(d.createdAt) }, { QStringLiteral("user_id"), d.userId },
        { QStringLiteral("model"), d.model ? QJsonValue(*d.model) : QJsonValue() },
        { QStringLiteral("query"), d.query }, { QStringLiteral("answer"), d.answer },
        { QStringLiteral("metrics"), metrics }, { QStringLiteral("end_user_feedback"), feedback },
        { QStringLiteral("final_verdict"), finalVerdict },
        { QStringLiteral("verdicts"), verdictsJson(row.verdicts) } };
}

QStringList ReviewDataset::csvColumns()
{
    return { QStringLiteral("interaction_id"), QStringLiteral("created_at"), QStringLiteral("user_id"),
        QStringLiteral("model"), QStringLiteral("query"), QStringLiteral("answer"),
        QStringLiteral("confidence"), QStringLiteral("citations"), QStringLiteral("total_latency_ms"),
        QStringLiteral("retrieval_latency_ms"), QStringLiteral("generation_latency_ms"),
        QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"), QStringLiteral("total_tokens"),
        QStringLiteral("cost_usd"), QStringLiteral("user_rating"), QStringLiteral("user_comment"),
        QStringLiteral("final_rating"), QStringLiteral("final_label"), QStringLiteral("final_comment"),
        QStringLiteral("final_by"), QStringLiteral("final_source"), QStringLiteral("verdicts") };
}

Result<CsvExportSummary> ReviewDataset::write(const std::optional<SavedQueue>& queue, Format format,
    const QString& path, const CsvExportControl& control) const
{
    bool cancelled = false;
    RAGSCOPE_TRY(all, rows(queue, control, &cancelled));
    if (cancelled)
        return CsvExportSummary { 0, true };
    if (format == Format::Csv) {
        RAGSCOPE_TRY(
            summary, CsvFile::write(path, {}, csvColumns(), [&](CsvWriter& w) -> Result<CsvExportSummary> {
                for (const DatasetRow& row : std::as_const(all)) {
                    const InteractionDetail& d = row.detail;
                    const auto integer = [](qint64 v) { return CsvCell::integer(v); };
                    const auto real = [](double v) { return CsvCell::real(v); };
                    const auto text
                        = [](const QString& v) { return v.isEmpty() ? CsvCell() : CsvCell::text(v); };
                    w.writeRow({ CsvCell::text(d.id.toString(QUuid::WithoutBraces)),
                        CsvCell::time(d.createdAt), CsvCell::text(d.userId),
                        CsvCell::optional(d.model, CsvCell::text), CsvCell::text(d.query),
                        CsvCell::text(d.answer), CsvCell::optional(d.confidence, real),
                        CsvCell::integer(d.citations), CsvCell::optional(d.totalLatencyMs, real),
                        CsvCell::optional(d.retrievalLatencyMs, real),
                        CsvCell::optional(d.generationLatencyMs, real),
                        CsvCell::optional(d.promptTokens, integer),
                        CsvCell::optional(d.completionTokens, integer),
                        CsvCell::optional(d.totalTokens, integer), CsvCell::optional(d.cost, CsvCell::money),
                        d.feedback ? CsvCell::integer(d.feedback->rating) : CsvCell(),
                        d.feedback ? text(d.feedback->comment) : CsvCell(),
                        row.final ? CsvCell::integer(row.final->rating) : CsvCell(),
                        row.final ? text(row.final->label) : CsvCell(),
                        row.final ? text(row.final->comment) : CsvCell(),
                        row.final ? CsvCell::text(row.final->reviewer) : CsvCell(),
                        row.final ? CsvCell::text(
                            row.adjudicated ? QStringLiteral("adjudicated") : QStringLiteral("latest"))
                                  : CsvCell(),
                        CsvCell::text(QString::fromUtf8(
                            QJsonDocument(verdictsJson(row.verdicts)).toJson(QJsonDocument::Compact))) });
                }
                return CsvExportSummary { all.size(), false };
            }));
        return summary;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewDataset", "cannot write %1: %2")
                .arg(path, file.errorString()));
    for (const DatasetRow& row : std::as_const(all)) {
        file.write(QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact));
        file.write("\n");
    }
    if (!file.commit())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::ReviewDataset", "cannot write %1: %2")
                .arg(path, file.errorString()));
    return CsvExportSummary { all.size(), false };
}

} // namespace RagScope
