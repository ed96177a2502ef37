#include "reviewsetuptables.h"

namespace RagScope {

namespace {

CopyTable wholeTable(const QString& table, const QString& schema, const QString& orderBy,
    const QList<std::pair<QString, ColumnKind>>& columns)
{
    CopyTable t { table, schema + table + QStringLiteral(" t"), {}, {}, {}, orderBy };
    for (const auto& [name, kind] : columns)
        t.columns << CopyColumn { name, QStringLiteral("t.") + name, kind };
    return t;
}

} // namespace

QList<CopyTable> reviewSetupTables(const SqlDialect& d, const QString& schema)
{
    using K = ColumnKind;
    CopyTable labels = wholeTable(QStringLiteral("ragscope_review_labels"), schema, QStringLiteral("t.name"),
        { { QStringLiteral("name"), K::Text }, { QStringLiteral("description"), K::Text },
            { QStringLiteral("colour"), K::Text }, { QStringLiteral("shortcut_key"), K::Text },
            { QStringLiteral("position"), K::Integer } });
    CopyTable scale = wholeTable(QStringLiteral("ragscope_review_scale"), schema, QStringLiteral("t.rating"),
        { { QStringLiteral("rating"), K::Integer }, { QStringLiteral("wording"), K::Text } });
    CopyTable queues = wholeTable(QStringLiteral("ragscope_review_queues"), schema, QStringLiteral("t.name"),
        { { QStringLiteral("id"), K::Text }, { QStringLiteral("name"), K::Text },
            { QStringLiteral("goal"), K::Text }, { QStringLiteral("filter_json"), K::Text },
            { QStringLiteral("sample_basis_points"), K::Integer }, { QStringLiteral("sample_seed"), K::Text },
            { QStringLiteral("reviews_per_item"), K::Integer }, { QStringLiteral("blind"), K::Integer },
            { QStringLiteral("lease_seconds"), K::Integer }, { QStringLiteral("created_by"), K::Text },
            { QStringLiteral("created_at"), K::Text } });
    // PostgreSQL's boolean and timestamptz become the snapshot's 0/1 and ISO text.
    for (CopyColumn& c : queues.columns) {
        if (c.target == QLatin1String("blind") && d.isPostgres())
            c.source = QStringLiteral("CASE WHEN t.blind THEN 1 ELSE 0 END");
        if (c.target == QLatin1String("created_at"))
            c.source = d.timeText(QStringLiteral("t.created_at"));
    }
    return { labels, scale, queues };
}

} // namespace RagScope
