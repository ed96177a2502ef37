#include "bearertoken.h"

#include <QCryptographicHash>
#include <QFile>

namespace RagScope {

namespace {

QByteArray digest(const QByteArray& secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

} // namespace

BearerToken BearerToken::fromSecret(const QByteArray& secret)
{
    BearerToken token;
    token.m_digest = digest(secret);
    return token;
}

Result<BearerToken> BearerToken::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::NotFound,
            QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString()));
    const QByteArray secret = file.readLine().trimmed();
    if (secret.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("the token file %1 is empty").arg(path));
    return fromSecret(secret);
}

Result<BearerToken> BearerToken::fromEnvironment(const char* variable)
{
    if (!qEnvironmentVariableIsSet(variable))
        return BearerToken();
    const QByteArray secret = qgetenv(variable).trimmed();
    if (secret.isEmpty())
        return makeError(ErrorKind::InvalidInput,
            QStringLiteral("%1 is set but empty").arg(QString::fromLatin1(variable)));
    return fromSecret(secret);
}

bool BearerToken::allows(const QByteArray& authorization) const
{
    if (!isSet())
        return true;
    static const QByteArray scheme = QByteArrayLiteral("Bearer ");
    const bool hasScheme = authorization.size() > scheme.size()
        && authorization.left(scheme.size()).compare(scheme, Qt::CaseInsensitive) == 0;
    const QByteArray sent = digest(hasScheme ? authorization.mid(scheme.size()).trimmed() : QByteArray());
    // Every byte is compared, whatever the first difference.
    unsigned char difference = hasScheme ? 0 : 1;
    for (qsizetype i = 0; i < m_digest.size(); ++i)
        difference |= static_cast<unsigned char>(m_digest[i] ^ sent[i]);
    return difference == 0;
}

} // namespace RagScope
