#include "fixturewriter.h"

#include "store/sqldialect.h"

#include <QtTest>

namespace RagScope::Test {

FixtureWriter::FixtureWriter(StorePtr store)
    : m_store(std::move(store))
{ }

QUuid FixtureWriter::addFeedback(
    const QUuid& interactionId, int rating, const QDateTime& createdAt, const QString& comment) const
{
    const SqlDialect d(m_store->dialect());
    const QUuid id = QUuid::createUuid();
    const auto q = m_store->exec(
        QStringLiteral("INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)"
                       " VALUES (%1, %1, ?, ?, %2)")
            .arg(d.uuidParam(), d.timeParam()),
        { d.bindUuid(id), d.bindUuid(interactionId), rating,
            comment.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(comment),
            d.bindTime(createdAt) });
    if (!q.ok())
        qFatal("addFeedback: %s", qPrintable(q.error().message));
    return id;
}

QUuid FixtureWriter::addReview(const QUuid& interactionId, const QString& reviewer, int rating,
    const QString& label, const QDateTime& createdAt) const
{
    const SqlDialect d(m_store->dialect());
    const QUuid id = QUuid::createUuid();
    const auto q = m_store->exec(
        QStringLiteral(
            "INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating, label, created_at)"
            " VALUES (%1, %1, ?, ?, ?, %2)")
            .arg(d.uuidParam(), d.timeParam()),
        { d.bindUuid(id), d.bindUuid(interactionId), reviewer, rating, label, d.bindTime(createdAt) });
    if (!q.ok())
        qFatal("addReview: %s", qPrintable(q.error().message));
    return id;
}

} // namespace RagScope::Test
