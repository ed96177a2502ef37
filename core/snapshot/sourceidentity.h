#pragma once

#include "store/store.h"

#include <QMap>
#include <QString>

namespace RagScope {

/// Which store a snapshot came from, recorded in its metadata and compared before reviews go
/// back. PostgreSQL: the cluster's system identifier (when the role may read it), the
/// database's oid and name — shared by a streaming standby, so a snapshot taken from a replica
/// pushes to its primary; host, port and role are recorded for people, not compared.
/// SQLite: the file's canonical path. Never a password.
struct SourceIdentity
{
    QString dialect; ///< "postgresql" or "sqlite"
    QString host, port, database, role; ///< as connected (PostgreSQL)
    QString systemId, databaseOid; ///< PostgreSQL; systemId empty when not readable
    QString path; ///< SQLite

    /// The identity of an open store.
    static Result<SourceIdentity> of(const Store& store);
    /// Whether a snapshot of `this` may push into `other` without --force.
    bool sameStoreAs(const SourceIdentity& other) const;
    /// For messages: "postgresql://alice@db:5432/rag" or the SQLite path.
    QString displayName() const;

    /// As metadata rows ("source_host" → …) and back.
    QMap<QString, QString> toMetadata() const;
    static SourceIdentity fromMetadata(const QMap<QString, QString>& metadata);
};

} // namespace RagScope
