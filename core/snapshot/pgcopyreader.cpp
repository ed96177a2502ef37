#include "pgcopyreader.h"
#include "copybatchqueue.h"

#include <QCoreApplication>

#include <libpq-fe.h>

#include <thread>

namespace RagScope {

namespace {

struct CopyBuffer
{
    char* data = nullptr;
    ~CopyBuffer()
    {
        if (data)
            PQfreemem(data);
    }
};

QString serverError(PGconn* connection)
{
    return QString::fromUtf8(PQerrorMessage(connection)).trimmed();
}

// Batches of about a megabyte: few hand-overs, and at most QueuedBatches + 2 of them alive.
constexpr std::size_t BatchBytes = 1 << 20;
constexpr std::size_t QueuedBatches = 4;

struct ReadEnd
{
    bool broken = false; ///< the connection or the COPY failed; `message` says why
    QString message;
};

// The reading thread: receives COPY's lines and parses them into batches until the end, a
// failure, or the writer stopping.
ReadEnd readBatches(PGconn* connection, CopyBatchQueue& queue)
{
    ReadEnd end;
    std::optional<CopyBatch> batch = queue.emptyBatch();
    while (batch) {
        CopyBuffer buffer;
        const int length = PQgetCopyData(connection, &buffer.data, 0);
        if (length == -1)
            break; // the end: the final status comes from PQgetResult
        if (length == -2) {
            end = { true, serverError(connection) };
            break;
        }
        batch->addLine(buffer.data, length);
        if (batch->bytes() >= BatchBytes) {
            if (!queue.push(std::move(*batch)))
                return end;
            batch = queue.emptyBatch();
        }
    }
    if (batch && batch->rows() > 0)
        queue.push(std::move(*batch));
    queue.close();
    return end;
}

} // namespace

Status PgCopyReader::finish(bool cancelled)
{
    QString error;
    QByteArray sqlState;
    while (PGresult* result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && error.isEmpty()) {
            error = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
            sqlState = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        }
        PQclear(result);
    }
    if (cancelled)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::PgCopyReader", "export cancelled"));
    if (error.isEmpty())
        return Done {};
    // A server shutting down or restarting (SQLSTATE class 57P, "terminating connection due to
    // administrator command") or a connection error (class 08) is a lost connection, even while
    // libpq still reports the socket as open.
    const bool lost
        = PQstatus(m_connection) != CONNECTION_OK || sqlState.startsWith("57P") || sqlState.startsWith("08");
    return makeError(lost ? ErrorKind::ConnectionLost : ErrorKind::Query,
        (lost ? QCoreApplication::translate(
             "RagScope::PgCopyReader", "the connection to the store was lost: %1")
              : QStringLiteral("reading the store failed: %1"))
            .arg(error));
}

Result<qint64> PgCopyReader::run(const QByteArray& copySql, const RowHandler& row)
{
    PGresult* started = PQexec(m_connection, copySql.constData());
    const ExecStatusType status = PQresultStatus(started);
    const QString startError = QString::fromUtf8(PQresultErrorMessage(started)).trimmed();
    PQclear(started);
    if (status != PGRES_COPY_OUT) {
        if (PQstatus(m_connection) != CONNECTION_OK)
            return makeError(ErrorKind::ConnectionLost,
                QCoreApplication::translate(
                    "RagScope::PgCopyReader", "the connection to the store was lost: %1")
                    .arg(serverError(m_connection)));
        return makeError(ErrorKind::Query,
            QCoreApplication::translate("RagScope::PgCopyReader", "reading the store failed: %1")
                .arg(startError));
    }
    // The reading thread receives and parses the next rows while this thread handles the
    // previous batch: on two cores the copy is no longer receive + parse + insert in series.
    CopyBatchQueue queue(QueuedBatches);
    ReadEnd readEnd;
    std::thread reading([&] { readEnd = readBatches(m_connection, queue); });
    qint64 rows = 0;
    bool stopped = false;
    while (!stopped) {
        std::optional<CopyBatch> batch = queue.pop();
        if (!batch)
            break;
        for (std::size_t r = 0; r < batch->rows() && !stopped; ++r) {
            const auto [first, last] = batch->rowFields(r);
            m_row.fields.clear();
            for (std::size_t f = first; f < last; ++f) {
                const CopyBatch::Field& field = batch->field(f);
                m_row.fields.push_back({ batch->text(field), field.null });
            }
            if (row(m_row))
                ++rows;
            else
                stopped = true;
        }
        queue.recycle(std::move(*batch));
    }
    if (stopped) {
        // Ask the server to stop sending, then read what is already on its way.
        queue.stop();
        if (PGcancel* cancel = PQgetCancel(m_connection)) {
            char message[256];
            PQcancel(cancel, message, sizeof message);
            PQfreeCancel(cancel);
        }
        reading.join();
        for (;;) {
            CopyBuffer rest;
            if (PQgetCopyData(m_connection, &rest.data, 0) < 0)
                break;
        }
        return finish(true).error();
    }
    reading.join();
    if (readEnd.broken) {
        const Status ended = finish(false);
        if (!ended.ok())
            return ended.error();
        return makeError(
            PQstatus(m_connection) == CONNECTION_OK ? ErrorKind::Query : ErrorKind::ConnectionLost,
            QCoreApplication::translate("RagScope::PgCopyReader", "reading the store failed: %1")
                .arg(readEnd.message));
    }
    RAGSCOPE_TRY(done, finish(false));
    return rows;
}

} // namespace RagScope
