#include "error.h"

namespace RagScope {

int Error::exitCode() const
{
    switch (kind) {
    case ErrorKind::InvalidInput:
    case ErrorKind::Corrupt:
        return 2;
    case ErrorKind::NotFound:
    case ErrorKind::MissingSchema:
    case ErrorKind::EmptyStore:
        return 3;
    case ErrorKind::Unreachable:
    case ErrorKind::AuthFailed:
    case ErrorKind::PermissionDenied:
    case ErrorKind::ConnectionLost:
        return 4;
    case ErrorKind::Query:
        return 5;
    case ErrorKind::Cancelled: // only background jobs cancel; the CLI never does
    case ErrorKind::Internal:
        break;
    }
    return 1;
}

QString Error::kindName() const
{
    switch (kind) {
    case ErrorKind::InvalidInput:
        return QStringLiteral("invalid input");
    case ErrorKind::NotFound:
        return QStringLiteral("not found");
    case ErrorKind::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorKind::AuthFailed:
        return QStringLiteral("authentication failed");
    case ErrorKind::MissingSchema:
        return QStringLiteral("missing schema");
    case ErrorKind::PermissionDenied:
        return QStringLiteral("permission denied");
    case ErrorKind::EmptyStore:
        return QStringLiteral("empty store");
    case ErrorKind::ConnectionLost:
        return QStringLiteral("connection lost");
    case ErrorKind::Corrupt:
        return QStringLiteral("corrupt store");
    case ErrorKind::Query:
        return QStringLiteral("database error");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Internal:
        break;
    }
    return QStringLiteral("internal error");
}

} // namespace RagScope
