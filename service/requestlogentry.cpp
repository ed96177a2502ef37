#include "requestlogentry.h"

#include "report/statsjson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace RagScope {

QByteArray RequestLogEntry::toJsonLine() const
{
    QJsonObject line { { QStringLiteral("time"), isoUtc(QDateTime::currentDateTimeUtc()) },
        { QStringLiteral("method"), method }, { QStringLiteral("path"), path },
        { QStringLiteral("status"), status },
        { QStringLiteral("duration_ms"), qRound(durationMs * 1000) / 1000.0 } };
    if (!error.isEmpty())
        line.insert(QStringLiteral("error"), error);
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

} // namespace RagScope
