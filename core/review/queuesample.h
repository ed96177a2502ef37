#pragma once

#include <QString>
#include <QUuid>

namespace RagScope {

/// A reproducible random sample: whether an interaction belongs to a queue's sample of
/// `basisPoints` in 10000 depends only on the queue's seed and the interaction's id (SHA-256),
/// so the same queue holds the same items on every machine and every day.
namespace QueueSample {
bool contains(const QString& seed, int basisPoints, const QUuid& interactionId);
} // namespace QueueSample

} // namespace RagScope
