#include "copytable.h"

#include "metrics/filtersql.h"

#include <QStringList>

namespace RagScope {

QString CopyTable::selectSql(const QString& what) const
{
    return QStringLiteral("SELECT %1 FROM %2").arg(what, from)
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
}

QString CopyTable::copySql(const QString& sourceWhere) const
{
    QStringList select;
    for (const CopyColumn& c : columns)
        select << c.source;
    CopyTable bound = *this;
    bound.where = sourceWhere;
    return bound.selectSql(select.join(QStringLiteral(", ")))
        + (orderBy.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + orderBy);
}

QString CopyTable::insertSql() const
{
    QStringList names;
    QStringList marks;
    for (const CopyColumn& c : columns) {
        names << c.target;
        marks << QStringLiteral("?");
    }
    return QStringLiteral("INSERT INTO main.%1 (%2) VALUES (%3)")
        .arg(table, names.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
}

namespace {

// Which interactions go into the snapshot, as a WHERE on alias ci (see monitoringTables()).
SqlWhere selection(const SqlDialect& d, const std::optional<Filter>& window, const QString& schema)
{
    SqlWhere where;
    if (!window)
        return where;
    Filter timeOnly = *window;
    timeOnly.user.reset();
    timeOnly.model.reset();
    const SqlWhere inWindow = filterWhere(d, timeOnly, QStringLiteral("ci"));
    const SqlWhere feedbackInWindow = filterWhere(d, timeOnly, QStringLiteral("f2"));
    where.add(QStringLiteral("((%1) OR EXISTS (SELECT 1 FROM %2chat_feedbacks f2"
                             " WHERE f2.interaction_id = ci.id AND %3))")
                  .arg(inWindow.sql, schema, feedbackInWindow.sql),
        inWindow.values + feedbackInWindow.values);
    if (window->user)
        where.add(QStringLiteral("ci.user_id = ?"), { *window->user });
    if (window->model)
        where.add(QStringLiteral("ci.model_name = ?"), { *window->model });
    return where;
}

CopyColumn column(const QString& alias, const QString& name, ColumnKind kind)
{
    return { name, alias + QLatin1Char('.') + name, kind };
}

// The snapshot's ids are text compared byte by byte (SQLite's BINARY). PostgreSQL sorts the
// uuid's text in the "C" collation, the same order; as an expression it is a sort of the
// scanned rows, not a walk of the uuid index that would fetch table pages in random order
// (about three times slower for a whole table).
QString idOrder(const SqlDialect& d, const QStringList& ids)
{
    QStringList keys;
    for (const QString& id : ids)
        keys << (d.isPostgres() ? QStringLiteral("CAST(%1 AS text) COLLATE \"C\"").arg(id) : id);
    return keys.join(QStringLiteral(", "));
}

} // namespace

QList<CopyTable> monitoringTables(const SqlDialect& d, const std::optional<Filter>& window,
    const bool withReviews, const bool withReviewKinds, const QString& schema)
{
    using K = ColumnKind;
    const SqlWhere where = selection(d, window, schema);
    const QString ci = QStringLiteral("ci");
    CopyTable interactions { QStringLiteral("chat_interactions"),
        schema + QStringLiteral("chat_interactions ci"), {}, where.sql, where.values,
        idOrder(d, { QStringLiteral("ci.id") }) };
    for (const char* text : { "id", "user_id", "query", "answer" })
        interactions.columns << column(ci, QLatin1String(text), K::Text);
    interactions.columns << column(ci, QStringLiteral("confidence_score"), K::Real)
                         << column(ci, QStringLiteral("citations_count"), K::Integer);
    for (const char* real : { "total_latency_ms", "retrieval_latency_ms", "generation_latency_ms" })
        interactions.columns << column(ci, QLatin1String(real), K::Real);
    for (const char* integer : { "prompt_tokens", "completion_tokens", "total_tokens" })
        interactions.columns << column(ci, QLatin1String(integer), K::Integer);
    interactions.columns << column(ci, QStringLiteral("model_name"), K::Text);
    // NUMERIC(14,8) times 1e8 is an exact integer: the snapshot's count of 1e-8 USD
    interactions.columns << CopyColumn { QStringLiteral("cost_usd_e8"),
        d.isPostgres() ? QStringLiteral("CAST(ci.cost_estimate * 100000000 AS bigint)")
                       : QStringLiteral("ci.cost_usd_e8"),
        K::Integer };
    interactions.columns << CopyColumn { QStringLiteral("created_at"),
        d.timeText(QStringLiteral("ci.created_at")), K::Text };

    // Children of the selected interactions; without a window, all of them. In the order of
    // their interactions: the foreign-key lookups and the unique index on interaction_id walk
    // the indexes in order too; only the children's own key index (a fifth of the rows for
    // feedback) takes inserts at random places.
    const auto child = [&](const QString& table, const QList<std::pair<QString, ColumnKind>>& own) {
        CopyTable t { table,
            schema + table
                + (where.sql.isEmpty()
                        ? QStringLiteral(" t")
                        : QStringLiteral(" t JOIN %1chat_interactions ci ON ci.id = t.interaction_id")
                              .arg(schema)),
            { column(QStringLiteral("t"), QStringLiteral("id"), K::Text),
                column(QStringLiteral("t"), QStringLiteral("interaction_id"), K::Text) },
            where.sql, where.values,
            idOrder(d, { QStringLiteral("t.interaction_id"), QStringLiteral("t.id") }) };
        for (const auto& [name, kind] : own)
            t.columns << column(QStringLiteral("t"), name, kind);
        t.columns << CopyColumn { QStringLiteral("created_at"), d.timeText(QStringLiteral("t.created_at")),
            K::Text };
        return t;
    };
    QList<CopyTable> tables { interactions,
        child(QStringLiteral("chat_feedbacks"),
            { { QStringLiteral("rating"), K::Integer }, { QStringLiteral("comment"), K::Text } }) };
    if (!withReviews)
        return tables;
    QList<std::pair<QString, ColumnKind>> reviewColumns { { QStringLiteral("reviewer"), K::Text },
        { QStringLiteral("rating"), K::Integer }, { QStringLiteral("label"), K::Text },
        { QStringLiteral("comment"), K::Text } };
    // Offline reviews made in a queue push back with their queue and kind (ReviewPusher).
    if (withReviewKinds)
        reviewColumns << std::pair(QStringLiteral("queue_id"), K::Text)
                      << std::pair(QStringLiteral("kind"), K::Text)
                      << std::pair(QStringLiteral("undoes_id"), K::Text)
                      << std::pair(QStringLiteral("seconds_spent"), K::Integer);
    tables << child(QStringLiteral("ragscope_reviews"), reviewColumns);
    return tables;
}

} // namespace RagScope
