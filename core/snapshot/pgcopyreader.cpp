#include "pgcopyreader.h"

#include <QCoreApplication>

#include <libpq-fe.h>

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

char unescaped(char c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    default:
        return c; // "\\" and any other escaped character stand for themselves
    }
}

QString serverError(PGconn* connection)
{
    return QString::fromUtf8(PQerrorMessage(connection)).trimmed();
}

} // namespace

// Text format: fields split by tabs, the row ends in a newline, \N is NULL, and backslash
// escapes the rest; unescaping only shortens a field, so it is done in place.
void PgCopyReader::parse(char* line, int length)
{
    m_row.fields.clear();
    if (length > 0 && line[length - 1] == '\n')
        --length;
    int read = 0;
    while (read <= length) {
        if (read + 1 < length && line[read] == '\\' && line[read + 1] == 'N'
            && (read + 2 == length || line[read + 2] == '\t')) {
            m_row.fields.push_back({ {}, true });
            read += 3;
            continue;
        }
        char* start = line + read;
        char* write = start;
        while (read < length && line[read] != '\t') {
            if (line[read] == '\\' && read + 1 < length) {
                *write++ = unescaped(line[read + 1]);
                read += 2;
            } else {
                *write++ = line[read++];
            }
        }
        m_row.fields.push_back({ std::string_view(start, size_t(write - start)), false });
        ++read; // past the tab (or the end)
    }
}

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
    qint64 rows = 0;
    for (;;) {
        CopyBuffer buffer;
        const int length = PQgetCopyData(m_connection, &buffer.data, 0);
        if (length == -1)
            break; // the end: the final status comes from PQgetResult
        if (length == -2) {
            const QString message = serverError(m_connection);
            const Status ended = finish(false);
            if (!ended.ok())
                return ended.error();
            return makeError(
                PQstatus(m_connection) == CONNECTION_OK ? ErrorKind::Query : ErrorKind::ConnectionLost,
                QCoreApplication::translate("RagScope::PgCopyReader", "reading the store failed: %1")
                    .arg(message));
        }
        parse(buffer.data, length);
        if (!row(m_row)) {
            // Ask the server to stop sending, then read what is already on its way.
            if (PGcancel* cancel = PQgetCancel(m_connection)) {
                char message[256];
                PQcancel(cancel, message, sizeof message);
                PQfreeCancel(cancel);
            }
            for (;;) {
                CopyBuffer rest;
                if (PQgetCopyData(m_connection, &rest.data, 0) < 0)
                    break;
            }
            return finish(true).error();
        }
        ++rows;
    }
    RAGSCOPE_TRY(done, finish(false));
    return rows;
}

} // namespace RagScope
