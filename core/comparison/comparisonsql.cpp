#include "comparisonsql.h"

#include "metrics/exactmean.h"
#include "metrics/filtersql.h"

namespace RagScope::ComparisonSql {

namespace {

const QString I = QStringLiteral("i");

SqlWhere windowWhere(const SqlDialect& d, Filter filter)
{
    filter.model.reset();
    return filterWhere(d, filter, I);
}

QString groupOf()
{
    return QStringLiteral("COALESCE('=' || i.model_name, '')");
}

/// The newest review of every reviewed interaction in the window, with its grp.
QString newestReviews(const SqlWhere& where)
{
    return QStringLiteral(
        "WITH latest AS (SELECT %1 AS grp, r.rating, r.label,"
        " ROW_NUMBER() OVER (PARTITION BY r.interaction_id ORDER BY r.created_at DESC, r.id DESC) AS newest"
        " FROM ragscope_reviews r JOIN chat_interactions i ON i.id = r.interaction_id WHERE %2) ")
        .arg(groupOf(), where.sql);
}

/// Monday of the UTC week of i.created_at, as 'YYYY-MM-DD'.
QString weekOf(const SqlDialect& d)
{
    if (d.isPostgres())
        return QStringLiteral("to_char(date_trunc('week', i.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')");
    // 'weekday 0' moves to the Sunday ending the week (or stays on it); six days back is Monday.
    return QStringLiteral("date(substr(i.created_at, 1, 10), 'weekday 0', '-6 days')");
}

} // namespace

std::optional<QString> modelOfGroup(const QString& grp)
{
    if (grp.isEmpty())
        return std::nullopt;
    return grp.mid(1);
}

BoundSql modelFigures(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = windowWhere(d, filter);
    const QString costName = d.costColumn(I).section(QLatin1Char('.'), 1);
    // One row per interaction with its feedback rating (at most one: ix_cf_interaction).
    const QString source = QStringLiteral(
        "SELECT %1 AS grp, i.total_latency_ms AS x0, i.retrieval_latency_ms AS x1,"
        " i.generation_latency_ms AS x2, i.prompt_tokens, i.completion_tokens, i.total_tokens, %2 AS %3,"
        " i.confidence_score, f.rating"
        " FROM chat_interactions i LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id WHERE %4")
                               .arg(groupOf(), d.costColumn(I), costName, where.sql);
    QStringList aggregates { QStringLiteral("COUNT(*)"),
        QStringLiteral("CAST(SUM(src.prompt_tokens) AS BIGINT)"),
        QStringLiteral("CAST(SUM(src.completion_tokens) AS BIGINT)"), d.costSum(QStringLiteral("src")),
        QStringLiteral("SUM(CASE WHEN src.%1 IS NULL AND (src.prompt_tokens > 0 OR src.completion_tokens > 0"
                       " OR src.total_tokens > 0) THEN 1 ELSE 0 END)")
            .arg(costName) };
    // Mean confidence from exact integer parts (ExactMean): the same double in both dialects.
    for (const QString& part : ExactMean::parts(d, QStringLiteral("src.confidence_score")))
        aggregates << QStringLiteral("CAST(SUM(%1) AS BIGINT)").arg(part);
    aggregates << QStringLiteral("COUNT(src.confidence_score)") << QStringLiteral("COUNT(src.rating)");
    for (int r = 1; r <= 5; ++r)
        aggregates << QStringLiteral("SUM(CASE WHEN src.rating = %1 THEN 1 ELSE 0 END)").arg(r);
    return percentileSql(d, source, where.values, 3, aggregates);
}

BoundSql reviewVerdicts(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = windowWhere(d, filter);
    return { newestReviews(where)
            + QStringLiteral("SELECT grp, COUNT(*), AVG(CAST(rating AS DOUBLE PRECISION)),"
                             " SUM(CASE WHEN rating <= 2 THEN 1 ELSE 0 END)"
                             " FROM latest WHERE newest = 1 GROUP BY grp"),
        where.values };
}

BoundSql reviewLabels(const SqlDialect& d, const Filter& filter)
{
    const SqlWhere where = windowWhere(d, filter);
    return { newestReviews(where)
            + QStringLiteral("SELECT grp, label, COUNT(*) FROM latest"
                             " WHERE newest = 1 AND label IS NOT NULL AND label <> ''"
                             " GROUP BY grp, label ORDER BY grp, COUNT(*) DESC, label%1")
                  .arg(d.byteOrder()),
        where.values };
}

BoundSql weeklyRatings(const SqlDialect& d, const Filter& filter, const QString& a, const QString& b)
{
    SqlWhere where = windowWhere(d, filter);
    where.add(QStringLiteral("i.model_name IN (?, ?)"), { a, b });
    return { QStringLiteral("SELECT %1 AS week, i.model_name, f.rating, COUNT(*)"
                            " FROM chat_interactions i LEFT JOIN chat_feedbacks f ON f.interaction_id = i.id"
                            " WHERE %2 GROUP BY %1, i.model_name, f.rating")
                 .arg(weekOf(d), where.sql),
        where.values };
}

} // namespace RagScope::ComparisonSql
