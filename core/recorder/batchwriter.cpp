#include "batchwriter.h"

#include "interactionrecorder.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace RagScope {

namespace {

// COPY's text format: backslash, tab, newline and carriage return escaped; \N is NULL.
void appendText(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

template <typename T> void appendNumber(QByteArray& out, const std::optional<T>& value)
{
    if (!value) {
        out += "\\N";
    } else if constexpr (std::is_floating_point_v<T>) {
        out += QByteArray::number(*value, 'g', 17); // round-trips every double
    } else {
        out += QByteArray::number(*value);
    }
}

const char* const CopySql
    = "COPY chat_interactions (id, user_id, query, answer, confidence_score, citations_count,"
      " total_latency_ms, retrieval_latency_ms, generation_latency_ms, prompt_tokens,"
      " completion_tokens, total_tokens, model_name, cost_estimate, created_at) FROM STDIN";

} // namespace

BatchWriter::BatchWriter(StorePtr store)
    : m_store(std::move(store))
{ }

Status BatchWriter::write(const QList<InteractionRecord>& completed) const
{
    if (completed.isEmpty())
        return Done {};
    return m_store->dialect() == Dialect::Postgres ? copyPostgres(completed) : insertSqlite(completed);
}

QByteArray BatchWriter::copyData(const QList<InteractionRecord>& completed)
{
    QByteArray out;
    out.reserve(completed.size() * 256);
    for (const InteractionRecord& r : completed) {
        out += r.id.toByteArray(QUuid::WithoutBraces);
        out += '\t';
        appendText(out, r.userId);
        out += '\t';
        appendText(out, r.query);
        out += '\t';
        appendText(out, r.answer);
        out += '\t';
        appendNumber(out, r.confidence);
        out += '\t';
        out += QByteArray::number(r.citations);
        for (const auto& latency : { r.totalLatencyMs, r.retrievalLatencyMs, r.generationLatencyMs }) {
            out += '\t';
            appendNumber(out, latency);
        }
        for (const auto& tokens : { r.promptTokens, r.completionTokens, r.totalTokens }) {
            out += '\t';
            appendNumber(out, tokens);
        }
        out += '\t';
        if (r.model)
            appendText(out, *r.model);
        else
            out += "\\N";
        out += '\t';
        out += r.cost ? r.cost->toString().toLatin1() : QByteArray("\\N");
        out += '\t';
        out += SqlDialect::isoTime(r.createdAt).toLatin1();
        out += '\n';
    }
    return out;
}

Status BatchWriter::copyPostgres(const QList<InteractionRecord>& completed) const
{
    RAGSCOPE_TRY(db, m_store->connection());
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return makeError(ErrorKind::Internal,
            QCoreApplication::translate(
                "RagScope::BatchWriter", "the PostgreSQL driver gave no libpq handle"));
    PGconn* conn = *static_cast<PGconn* const*>(handle.data());
    const QByteArray data = copyData(completed);

    // Any failure below: the server's message, typed by whether the connection survived it.
    const auto failure = [&](const QString& what) -> Error {
        const QString message
            = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(PQerrorMessage(conn)).trimmed());
        if (PQstatus(conn) == CONNECTION_BAD) {
            // Store notices the loss on its next statement and drops the connection, so the
            // next batch reconnects.
            m_store->exec(QStringLiteral("SELECT 1"));
            return makeError(ErrorKind::ConnectionLost, message);
        }
        return makeError(ErrorKind::Query, message);
    };
    PGresult* started = PQexec(conn, CopySql);
    const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!copying)
        return failure(QStringLiteral("cannot start COPY into chat_interactions"));
    if (PQputCopyData(conn, data.constData(), int(data.size())) != 1 || PQputCopyEnd(conn, nullptr) != 1)
        return failure(QStringLiteral("COPY into chat_interactions failed"));
    bool ok = true;
    while (PGresult* result = PQgetResult(conn)) { // the COPY's outcome; PQerrorMessage keeps its error
        ok = ok && PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
    }
    if (!ok)
        return failure(QStringLiteral("COPY into chat_interactions failed"));
    return Done {};
}

Status BatchWriter::insertSqlite(const QList<InteractionRecord>& completed) const
{
    const Dialect dialect = m_store->dialect();
    return m_store->transaction([&]() -> Status {
        RAGSCOPE_TRY(db, m_store->connection());
        QSqlQuery insert(db);
        if (!insert.prepare(InteractionRecorder::insertSql(dialect)))
            return m_store->classify(insert.lastError(), QStringLiteral("cannot prepare the insert"));
        for (const InteractionRecord& r : completed) {
            const QVariantList values = InteractionRecorder::insertValues(dialect, r);
            for (int i = 0; i < values.size(); ++i)
                insert.bindValue(i, values[i]);
            if (!insert.exec())
                return m_store->classify(insert.lastError(), QStringLiteral("cannot record an interaction"));
        }
        return Done {};
    });
}

} // namespace RagScope
