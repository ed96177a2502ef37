#pragma once

#include "base/result.h"

#include <QString>
#include <QUuid>

namespace RagScope {

/// Where a keyset-paged list stopped: the last row's (sort value, created_at, id), carried
/// between pages as an opaque string. The ordering tag makes a cursor of one sort order
/// unusable with another.
class KeysetCursor
{
public:
    KeysetCursor() = default;
    KeysetCursor(QString ordering, QString sortValue, QString createdAt, const QUuid& id);

    QString ordering() const { return m_ordering; }
    QString sortValue() const { return m_sortValue; }
    /// created_at as SqlDialect::timeText() printed it (exact microseconds).
    QString createdAt() const { return m_createdAt; }
    QUuid id() const { return m_id; }

    QString encode() const;
    /// InvalidInput for anything encode() did not produce or a cursor of another ordering.
    static Result<KeysetCursor> decode(const QString& text, const QString& expectedOrdering);

private:
    QString m_ordering;
    QString m_sortValue;
    QString m_createdAt;
    QUuid m_id;
};

} // namespace RagScope
