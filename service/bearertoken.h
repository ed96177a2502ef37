#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

namespace RagScope {

/// The optional shared secret of `serve`: read from a file or an environment variable (never
/// from the command line, where `ps` shows it), checked against `Authorization: Bearer …` in
/// time that does not depend on where the two differ.
class BearerToken
{
public:
    BearerToken() = default; ///< none: every request is allowed

    /// The file's first line, trimmed. Errors: NotFound (unreadable), InvalidInput (empty).
    static Result<BearerToken> fromFile(const QString& path);
    /// The variable's value, trimmed; none when the variable is unset. InvalidInput when set but empty.
    static Result<BearerToken> fromEnvironment(const char* variable);
    static BearerToken fromSecret(const QByteArray& secret);

    bool isSet() const { return !m_digest.isEmpty(); }
    /// True when no token is set, or `authorization` is "Bearer <the token>".
    bool allows(const QByteArray& authorization) const;

private:
    QByteArray m_digest; // SHA-256 of the secret: compared digests have one length whatever is sent
};

} // namespace RagScope
