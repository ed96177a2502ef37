#pragma once

#include "store/store.h"

#include <QDateTime>
#include <QUuid>

namespace RagScope::Test {

/// Writes feedback and review rows with explicit timestamps (which the services, stamping
/// "now", cannot), for hand-worked metric fixtures. Interactions go through InteractionRecorder.
class FixtureWriter
{
public:
    explicit FixtureWriter(StorePtr store);
    QUuid addFeedback(const QUuid& interactionId, int rating, const QDateTime& createdAt,
        const QString& comment = {}) const;
    QUuid addReview(const QUuid& interactionId, const QString& reviewer, int rating, const QString& label,
        const QDateTime& createdAt) const;

private:
    StorePtr m_store;
};

} // namespace RagScope::Test
