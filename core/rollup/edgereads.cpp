#include "edgereads.h"

#include "metrics/filtersql.h"
#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

namespace {

/// The edge's bound WHERE clause, which names exactly its rows: the key of its reads.
QString keyOf(const SqlWhere& where)
{
    QStringList key { where.sql };
    for (const QVariant& v : where.values)
        key << (v.metaType().id() == QMetaType::QDateTime ? v.toDateTime().toString(Qt::ISODateWithMs)
                                                          : v.toString());
    return key.join(QLatin1Char('\x1f'));
}

} // namespace

template <typename T>
Result<T> EdgeReads::once(Reads<T>* reads, const QString& key, const std::function<Result<T>()>& read)
{
    std::promise<Result<T>> promise;
    std::shared_future<Result<T>> shared;
    {
        QMutexLocker lock(&m_mutex);
        if (const auto it = reads->constFind(key); it != reads->cend()) {
            shared = *it;
        } else {
            reads->insert(key, promise.get_future().share());
        }
    }
    if (shared.valid()) {
        Result<T> kept = shared.get();
        // The read failed for its own caller (e.g. its job was cancelled): this caller reads.
        return kept.ok() ? kept : read();
    }
    Result<T> result = read();
    if (!result.ok()) {
        QMutexLocker lock(&m_mutex);
        reads->remove(key);
    }
    promise.set_value(result);
    return result;
}

Result<QList<EdgeReads::Group>> EdgeReads::groups(
    const Store& store, const RollupEdge& edge, Feedback feedback)
{
    const SqlDialect d(store.dialect());
    const SqlWhere e = filterWhere(d, edge.window, QStringLiteral("i"));
    const QString key = keyOf(e);
    const bool rated = feedback == Feedback::Read;
    const auto read = [&]() -> Result<QList<Group>> {
        const QString day = d.dayOf(QStringLiteral("i.created_at"));
        const QString rating = rated ? QStringLiteral("f.rating") : QStringLiteral("0");
        RAGSCOPE_TRY(q,
            store.exec(QStringLiteral("SELECT %1, i.model_name, %2, %3 FROM %4 WHERE %5"
                                      " GROUP BY %1, i.model_name%6")
                           .arg(day, rating, aggregate(d, false, rated ? QStringLiteral("f.") : QString()),
                               rated ? interactionsWithFeedback(d, true, edge.seconds())
                                     : QStringLiteral("chat_interactions i"),
                               e.sql, rated ? QStringLiteral(", f.rating") : QString()),
                e.values));
        QList<Group> out;
        while (q.next()) {
            Group g { q.value(0).toString(), q.value(1), q.value(2).toInt(), {} };
            for (int c = 0; c < SumColumns; ++c)
                g.sums << q.value(3 + c);
            out << g;
        }
        return out;
    };
    if (rated)
        return once<QList<Group>>(&m_rated, key, read);
    std::shared_future<Result<QList<Group>>> withFeedback;
    {
        QMutexLocker lock(&m_mutex);
        withFeedback = m_rated.value(key);
    }
    if (withFeedback.valid()) {
        Result<QList<Group>> kept = withFeedback.get();
        if (kept.ok())
            return kept;
    }
    return once<QList<Group>>(&m_unrated, key, read);
}

Result<QList<EdgeReads::Latencies>> EdgeReads::latencies(const Store& store, const RollupEdge& edge)
{
    const SqlDialect d(store.dialect());
    const SqlWhere e = filterWhere(d, edge.window, QStringLiteral("i"));
    return once<QList<Latencies>>(&m_latencies, keyOf(e), [&]() -> Result<QList<Latencies>> {
        RAGSCOPE_TRY(q,
            store.exec(QStringLiteral("SELECT %1, i.total_latency_ms, i.retrieval_latency_ms,"
                                      " i.generation_latency_ms FROM chat_interactions i WHERE %2")
                           .arg(d.timeText(QStringLiteral("i.created_at")), e.sql),
                e.values));
        QList<Latencies> out;
        while (q.next())
            out << Latencies { q.value(0).toString(), { q.value(1), q.value(2), q.value(3) } };
        return out;
    });
}

} // namespace RagScope
