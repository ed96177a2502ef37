#include "snapshotexporter.h"

#include "base/performancemonitor.h"
#include "metrics/filtersql.h"
#include "store/outputtarget.h"
#include "store/sqldialect.h"
#include "store/sqlitebulkwriter.h"
#include "store/sqlitefilebuilder.h"

#include <QSqlError>
#include <QSqlQuery>

namespace RagScope {

namespace {

constexpr int Batch = 5000;

QVariant nullOr(const QVariant& v, QMetaType type)
{
    return v.isNull() ? QVariant(type) : v;
}

// PostgreSQL hands UUIDs over as "{…}"; SQLite stores canonical lowercase text.
QVariant uuidText(const QVariant& v)
{
    return v.toString().remove(QLatin1Char('{')).remove(QLatin1Char('}')).toLower();
}

// Which interactions go into the snapshot (see the class comment), as a WHERE on alias ci.
SqlWhere selection(const SqlDialect& d, const std::optional<Filter>& window)
{
    SqlWhere where;
    if (!window)
        return where;
    Filter timeOnly = *window;
    timeOnly.user.reset();
    timeOnly.model.reset();
    const SqlWhere inWindow = filterWhere(d, timeOnly, QStringLiteral("ci"));
    const SqlWhere feedbackInWindow = filterWhere(d, timeOnly, QStringLiteral("f2"));
    where.add(QStringLiteral(
                  "((%1) OR EXISTS (SELECT 1 FROM chat_feedbacks f2 WHERE f2.interaction_id = ci.id AND %2))")
                  .arg(inWindow.sql, feedbackInWindow.sql),
        inWindow.values + feedbackInWindow.values);
    if (window->user)
        where.add(QStringLiteral("ci.user_id = ?"), { *window->user });
    if (window->model)
        where.add(QStringLiteral("ci.model_name = ?"), { *window->model });
    return where;
}

class Copier
{
public:
    Copier(const StorePtr& source, const StorePtr& target, const std::optional<Filter>& window,
        const std::function<bool(qint64)>& progress)
        : m_source(source)
        , m_from(source->dialect())
        , m_to(target->dialect())
        , m_where(selection(m_from, window))
        , m_writer(target)
        , m_progress(progress)
    { }

    Result<SnapshotSummary> run()
    {
        SnapshotSummary summary;
        RAGSCOPE_TRY(interactions, copyInteractions());
        summary.interactions = interactions;
        RAGSCOPE_TRY(
            feedbacks, copyChildren(QStringLiteral("chat_feedbacks"), QStringLiteral("rating, comment")));
        summary.feedbacks = feedbacks;
        if (m_source->hasReviews()) {
            RAGSCOPE_TRY(reviews,
                copyChildren(
                    QStringLiteral("ragscope_reviews"), QStringLiteral("reviewer, rating, label, comment")));
            summary.reviews = reviews;
        }
        RAGSCOPE_TRY(committed, m_writer.commit());
        return summary;
    }

private:
    bool reportProgress() { return !m_progress || m_progress(m_copied); }

    // Rows of the source as they will be inserted; `cursor` gets the keyset values of the row.
    using RowReader = std::function<QVariantList(const QSqlQuery& row, QVariantList* cursor)>;

    // Keyset-paged copy: `first` reads the first batch, `next` the batch after the cursor.
    Result<qint64> copyPaged(
        const QString& first, const QString& next, const QString& insert, const RowReader& read)
    {
        qint64 copied = 0;
        QVariantList cursor;
        for (;;) {
            auto rows = m_source->exec(cursor.isEmpty() ? first : next, m_where.values + cursor);
            if (!rows.ok())
                return rows.error();
            QList<QVariantList> batch;
            while (rows.value().next())
                batch << read(rows.value(), &cursor);
            // PostgreSQL streams the rows: a connection lost while they arrive ends next() early
            // with an error, which must not pass for the end of the data (a silently short copy).
            if (rows.value().lastError().isValid())
                return m_source->classify(
                    rows.value().lastError(), QStringLiteral("reading the store failed"));
            if (batch.isEmpty())
                return copied;
            RAGSCOPE_TRY(written, writeBatch(insert, batch));
            copied += written;
            if (!reportProgress())
                return makeError(ErrorKind::InvalidInput, QStringLiteral("export cancelled"));
        }
    }

    QString selectWhere(const QString& select, const QString& keysetCondition, const QString& order) const
    {
        if (keysetCondition.isEmpty())
            return select + (m_where.sql.isEmpty() ? QString() : QStringLiteral(" WHERE ") + m_where.sql)
                + order;
        return select + QStringLiteral(" WHERE ")
            + (m_where.sql.isEmpty() ? keysetCondition
                                     : m_where.sql + QStringLiteral(" AND ") + keysetCondition)
            + order;
    }

    Result<qint64> copyInteractions()
    {
        const QString select = QStringLiteral(
            "SELECT ci.id, ci.user_id, ci.query, ci.answer, ci.confidence_score, ci.citations_count,"
            " ci.total_latency_ms, ci.retrieval_latency_ms, ci.generation_latency_ms,"
            " ci.prompt_tokens, ci.completion_tokens, ci.total_tokens, ci.model_name, %1, %2"
            " FROM chat_interactions ci")
                                   .arg(m_from.costColumn(QStringLiteral("ci")),
                                       m_from.timeText(QStringLiteral("ci.created_at")));
        const QString order = QStringLiteral(" ORDER BY ci.created_at, ci.id LIMIT %1").arg(Batch);
        const QString keyset
            = QStringLiteral("(ci.created_at, ci.id) > (%1, %2)").arg(m_from.timeParam(), m_from.uuidParam());
        const QString insert = QStringLiteral(
            "INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score,"
            " citations_count, total_latency_ms, retrieval_latency_ms, generation_latency_ms,"
            " prompt_tokens, completion_tokens, total_tokens, model_name, %1, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                   .arg(m_to.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1));
        return copyPaged(selectWhere(select, {}, order), selectWhere(select, keyset, order), insert,
            [this](const QSqlQuery& q, QVariantList* cursor) {
                QVariantList values;
                for (int c = 0; c < 13; ++c)
                    values << q.value(c);
                values[0] = uuidText(values[0]);
                for (int c : { 4, 6, 7, 8 })
                    values[c] = nullOr(values[c], QMetaType::fromType<double>());
                for (int c : { 9, 10, 11 })
                    values[c] = nullOr(values[c], QMetaType::fromType<qint64>());
                values[12] = nullOr(values[12], QMetaType::fromType<QString>());
                const QVariant cost = q.value(13);
                values << (cost.isNull() ? QVariant(QMetaType::fromType<qint64>())
                                         : m_to.bindMoney(m_from.moneyValue(cost)));
                values << q.value(14).toString(); // exact microseconds
                *cursor = { values[14], values[0] };
                return values;
            });
    }

    // Feedback or reviews of the selected interactions, keyset-paged by their own id.
    Result<qint64> copyChildren(const QString& table, const QString& columns)
    {
        QStringList qualified;
        const QStringList names = columns.split(QStringLiteral(", "));
        for (const QString& c : names)
            qualified << QStringLiteral("t.") + c;
        const QString select = QStringLiteral("SELECT t.id, t.interaction_id, %1, %2 FROM %3 t"
                                              " JOIN chat_interactions ci ON ci.id = t.interaction_id")
                                   .arg(qualified.join(QStringLiteral(", ")),
                                       m_from.timeText(QStringLiteral("t.created_at")), table);
        const QString order = QStringLiteral(" ORDER BY t.id LIMIT %1").arg(Batch);
        QStringList marks;
        for (int i = 0; i < names.size() + 3; ++i)
            marks << QStringLiteral("?");
        const QString insert
            = QStringLiteral("INSERT INTO %1 (id, interaction_id, %2, created_at) VALUES (%3)")
                  .arg(table, columns, marks.join(QStringLiteral(", ")));
        const int width = int(names.size()) + 3;
        return copyPaged(selectWhere(select, {}, order),
            selectWhere(select, QStringLiteral("t.id > %1").arg(m_from.uuidParam()), order), insert,
            [width](const QSqlQuery& q, QVariantList* cursor) {
                QVariantList values;
                for (int c = 0; c < width; ++c)
                    values << nullOr(q.value(c), QMetaType::fromType<QString>());
                values[0] = uuidText(values[0]);
                values[1] = uuidText(values[1]);
                *cursor = { values[0] };
                return values;
            });
    }

    Result<qint64> writeBatch(const QString& insert, const QList<QVariantList>& batch)
    {
        for (const QVariantList& values : batch) {
            RAGSCOPE_TRY(written, m_writer.insert(insert, values));
        }
        m_copied += batch.size();
        return qint64(batch.size());
    }

    StorePtr m_source;
    SqlDialect m_from;
    SqlDialect m_to;
    SqlWhere m_where;
    SqliteBulkWriter m_writer;
    std::function<bool(qint64)> m_progress;
    qint64 m_copied = 0;
};

} // namespace

Status SnapshotExporter::checkTarget(const StoreLocation& source, const QString& sqlitePath)
{
    // Writing the snapshot over its own source (or one of its journals) would replace the store
    // with a window of it: refused however the path is spelled.
    if (source.dialect == Dialect::Sqlite) {
        if (OutputTarget::sameFile(source.sqlitePath, sqlitePath))
            return makeError(ErrorKind::InvalidInput,
                QStringLiteral("%1 is the store being exported; write the snapshot to another file")
                    .arg(sqlitePath));
        for (const char* suffix : { "-journal", "-wal", "-shm" }) {
            if (OutputTarget::sameFile(source.sqlitePath + QLatin1String(suffix), sqlitePath))
                return makeError(ErrorKind::InvalidInput,
                    QStringLiteral(
                        "%1 is a journal of the store being exported; write the snapshot to another file")
                        .arg(sqlitePath));
        }
    }
    RAGSCOPE_TRY(writable, OutputTarget::check(sqlitePath));
    return OutputTarget::checkReplaceable(sqlitePath);
}

Result<SnapshotSummary> SnapshotExporter::exportTo(const StorePtr& source, const QString& sqlitePath,
    const std::optional<Filter>& window, const std::function<bool(qint64)>& progress)
{
    PerformanceMonitor perf(QStringLiteral("export snapshot"));
    RAGSCOPE_TRY(writable, checkTarget(source->location(), sqlitePath));
    SnapshotSummary summary;
    const Status built = SqliteFileBuilder::build(sqlitePath, [&](const StorePtr& target) -> Status {
        RAGSCOPE_TRY(copied, Copier(source, target, window, progress).run());
        summary = copied;
        return Done {};
    });
    if (!built.ok())
        return built.error();
    return summary;
}

} // namespace RagScope
