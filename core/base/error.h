#pragma once

#include <QMetaType>
#include <QString>

namespace RagScope {

/// What went wrong, in terms a UI or CLI can act on (and map to an exit code).
enum class ErrorKind {
    InvalidInput, ///< the caller's input breaks a rule (rating 7, 2001-char comment, bad URL)
    NotFound, ///< the thing asked for does not exist (interaction, database, file)
    Unreachable, ///< the server cannot be reached (closed port, unknown host)
    AuthFailed, ///< the server refused the credentials
    MissingSchema, ///< the store lacks the monitoring tables (another application's database or file)
    EmptyStore, ///< the store holds no tables at all: creating the schema needs consent
    PermissionDenied, ///< the role may not do this (read-only store)
    ConnectionLost, ///< an open connection dropped; retrying may work
    Corrupt, ///< the file is not a usable store (corrupt snapshot)
    Query, ///< any other error the database reported
    Cancelled, ///< the caller cancelled the work (a superseded job): not a failure to show
    Internal, ///< a bug in RagScope: a state its own code should never reach
};

/// A typed failure with one clear sentence for humans.
struct Error
{
    ErrorKind kind = ErrorKind::Query;
    QString message;

    /// Exit status: 2 bad input, 3 not found, 4 unreachable, refused or permission denied (store
    /// contract §5), 5 another database error, 1 an internal error.
    int exitCode() const;
    /// A short name for the kind, e.g. "invalid input".
    QString kindName() const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::Error)
