#include "savedqueuestore.h"

#include "feedback/feedbackrules.h"
#include "queuefilterjson.h"
#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace RagScope {

namespace {

// Qt binds a null QString as SQL NULL; these columns are NOT NULL DEFAULT ''.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Status validate(const SavedQueue& q)
{
    const auto bad = [](const QString& why) { return makeError(ErrorKind::InvalidInput, why); };
    if (q.name.trimmed().isEmpty() || q.name.size() > 100)
        return bad(QStringLiteral("a queue's name must be 1 to 100 characters"));
    if (q.goal.size() > 500)
        return bad(QStringLiteral("a queue's goal must be at most 500 characters"));
    // The filter must read back as saved (a range upside down would break every later read).
    if (const auto filter = QueueFilterJson::fromJson(QueueFilterJson::toJson(q.query)); !filter.ok())
        return filter.error();
    if (q.reviewsPerItem < 1 || q.reviewsPerItem > 10)
        return bad(QStringLiteral("reviews per item must be 1 to 10, not %1").arg(q.reviewsPerItem));
    if (q.sampleBasisPoints && (*q.sampleBasisPoints < 1 || *q.sampleBasisPoints > 10000))
        return bad(QStringLiteral("a sample must be 0.01% to 100%"));
    if (q.sampleSeed.size() > 100)
        return bad(QStringLiteral("a sample seed must be at most 100 characters"));
    if (q.leaseSeconds < 10 || q.leaseSeconds > 86400)
        return bad(QStringLiteral("a lease must last 10 seconds to 24 hours, not %1 s").arg(q.leaseSeconds));
    return FeedbackRules::validateReviewer(q.createdBy);
}

} // namespace

SavedQueueStore::SavedQueueStore(StorePtr store)
    : m_store(std::move(store))
{ }

Status SavedQueueStore::requireQueues(const Store& store)
{
    if (store.schemaVersion() < 6)
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate("RagScope::SavedQueueStore",
                "this store has no review queues (schema version %1 < 6): run `ragscope-cli migrate`")
                .arg(store.schemaVersion()));
    return Done {};
}

Result<SavedQueue> SavedQueueStore::create(SavedQueue queue) const
{
    if (const Status valid = validate(queue); !valid.ok())
        return valid.error();
    const StorePtr writer = m_store->writer();
    if (const Status schema = requireQueues(*writer); !schema.ok())
        return schema.error();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::SavedQueueStore", "cannot save the queue: %1")
                .arg(writer->readOnlyReason()));
    queue.id = QUuid::createUuid();
    queue.createdAt = QDateTime::currentDateTimeUtc();
    const SqlDialect d(writer->dialect());
    const Status written = writer->transaction([&]() -> Status {
        RAGSCOPE_TRY(taken,
            writer->exec(
                QStringLiteral("SELECT 1 FROM ragscope_review_queues WHERE name = ?"), { queue.name }));
        if (taken.next())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::SavedQueueStore", "a queue named \"%1\" exists already")
                    .arg(queue.name));
        const QString filter = QString::fromUtf8(
            QJsonDocument(QueueFilterJson::toJson(queue.query)).toJson(QJsonDocument::Compact));
        const auto ins = writer->exec(
            QStringLiteral(
                "INSERT INTO ragscope_review_queues (id, name, goal, filter_json, sample_basis_points,"
                " sample_seed, reviews_per_item, blind, lease_seconds, created_by, created_at)"
                " VALUES (%1, ?, ?, ?, ?, ?, ?, ?, ?, ?, %2)")
                .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(queue.id), queue.name, notNull(queue.goal), filter,
                queue.sampleBasisPoints ? QVariant(*queue.sampleBasisPoints)
                                        : QVariant(QMetaType::fromType<int>()),
                notNull(queue.sampleSeed), queue.reviewsPerItem,
                d.isPostgres() ? QVariant(queue.blind) : QVariant(int(queue.blind)), queue.leaseSeconds,
                queue.createdBy, d.bindTime(queue.createdAt) });
        if (!ins.ok())
            return ins.error();
        return Done {};
    });
    if (!written.ok())
        return written.error();
    return queue;
}

Result<QList<SavedQueue>> SavedQueueStore::list() const
{
    return read({}, {});
}

Result<SavedQueue> SavedQueueStore::byName(const QString& name) const
{
    RAGSCOPE_TRY(found, read(QStringLiteral(" WHERE name = ?"), { name }));
    if (found.isEmpty())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::SavedQueueStore", "there is no review queue named \"%1\"")
                .arg(name));
    return found.first();
}

Result<SavedQueue> SavedQueueStore::byId(const QUuid& id) const
{
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(found, read(QStringLiteral(" WHERE id = %1").arg(d.uuidParam()), { d.bindUuid(id) }));
    if (found.isEmpty())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::SavedQueueStore", "there is no review queue with id %1")
                .arg(id.toString(QUuid::WithoutBraces)));
    return found.first();
}

Result<QList<SavedQueue>> SavedQueueStore::read(const QString& where, const QVariantList& values) const
{
    if (const Status schema = requireQueues(*m_store); !schema.ok())
        return schema.error();
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT id, name, goal, filter_json, sample_basis_points, sample_seed,"
                                     " reviews_per_item, blind, lease_seconds, created_by, %1"
                                     " FROM ragscope_review_queues%2 ORDER BY name")
                          .arg(d.timeText(QStringLiteral("created_at")), where),
            values));
    QList<SavedQueue> queues;
    while (q.next()) {
        SavedQueue s;
        s.id = QUuid::fromString(q.value(0).toString());
        s.name = q.value(1).toString();
        s.goal = q.value(2).toString();
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(3).toString().toUtf8());
        RAGSCOPE_TRY(query, QueueFilterJson::fromJson(doc.object()));
        s.query = query;
        if (!q.value(4).isNull())
            s.sampleBasisPoints = q.value(4).toInt();
        s.sampleSeed = q.value(5).toString();
        s.reviewsPerItem = q.value(6).toInt();
        s.blind = q.value(7).toBool();
        s.leaseSeconds = q.value(8).toInt();
        s.createdBy = q.value(9).toString();
        s.createdAt = SqlDialect::parseTime(q.value(10).toString());
        queues << s;
    }
    return queues;
}

} // namespace RagScope
