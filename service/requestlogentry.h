#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace RagScope {

/// One line of `serve`'s request log: never a body, a query string or a header value.
struct RequestLogEntry
{
    QString method;
    QString path; ///< without the query string (it may hold user names)
    int status = 0;
    double durationMs = 0; ///< from the request's arrival to its answer being ready
    QString error; ///< for failures the server caused: the error's kind (e.g. "connection lost")

    /// {"time":"…","method":"POST","path":"/api/v1/chat/feedback","status":201,"duration_ms":1.52}
    QByteArray toJsonLine() const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::RequestLogEntry)
