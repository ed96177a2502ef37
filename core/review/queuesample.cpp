#include "queuesample.h"

#include <QCryptographicHash>

namespace RagScope::QueueSample {

bool contains(const QString& seed, int basisPoints, const QUuid& interactionId)
{
    if (basisPoints >= 10000)
        return true;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(seed.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(interactionId.toString(QUuid::WithoutBraces).toLatin1());
    const QByteArray digest = hash.result();
    const quint32 head = (quint32(quint8(digest[0])) << 24) | (quint32(quint8(digest[1])) << 16)
        | (quint32(quint8(digest[2])) << 8) | quint32(quint8(digest[3]));
    return head % 10000 < quint32(basisPoints);
}

} // namespace RagScope::QueueSample
