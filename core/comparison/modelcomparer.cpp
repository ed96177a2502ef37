#include "modelcomparer.h"

#include "base/performancemonitor.h"
#include "comparisonsql.h"
#include "metrics/exactmean.h"
#include "metrics/sqlvalues.h"

#include <QMap>

#include <algorithm>

namespace RagScope {

namespace {

Result<QSqlQuery> run(const StorePtr& store, const BoundSql& statement)
{
    return store->exec(statement.sql, statement.values);
}

ModelFigures figuresAt(const SqlDialect& d, const QSqlQuery& q)
{
    namespace C = ComparisonSql::Columns;
    ModelFigures m;
    m.model = ComparisonSql::modelOfGroup(q.value(0).toString());
    m.requests = sqlCount(q.value(C::Requests));
    m.promptTokens = sqlCount(q.value(C::Prompt));
    m.completionTokens = sqlCount(q.value(C::Completion));
    m.cost = d.moneyValue(q.value(C::Cost));
    m.unpricedRequests = sqlCount(q.value(C::Unpriced));
    m.avgConfidence = ExactMean::meanAt(q, C::Confidence);
    m.withFeedback = sqlCount(q.value(C::WithFeedback));
    for (int r = 0; r < 5; ++r)
        m.ratings[size_t(r)] = sqlCount(q.value(C::Ratings + r));
    const int levels = int(Percentiles::Levels.size());
    m.latency.total = percentilesAt(q, C::Latency);
    m.latency.retrieval = percentilesAt(q, C::Latency + levels);
    m.latency.generation = percentilesAt(q, C::Latency + 2 * levels);
    return m;
}

/// By name byte-wise (UTF-8 order equals code point order), no model last.
bool byName(const ModelFigures& x, const ModelFigures& y)
{
    if (!x.model || !y.model)
        return x.model.has_value() && !y.model.has_value();
    return x.model->toUtf8() < y.model->toUtf8();
}

} // namespace

ModelComparer::ModelComparer(StorePtr store)
    : m_store(std::move(store))
{ }

Result<ModelComparison> ModelComparer::compare(const Filter& filter) const
{
    PerformanceMonitor perf(QStringLiteral("model comparison"));
    const SqlDialect d(m_store->dialect());
    ModelComparison c;
    c.filter = filter;
    c.filter.model.reset();
    RAGSCOPE_TRY(q, run(m_store, ComparisonSql::modelFigures(d, c.filter)));
    while (q.next())
        c.models << figuresAt(d, q);
    RAGSCOPE_TRY(reviews, addReviews(c.filter, &c.models));
    std::sort(c.models.begin(), c.models.end(), byName);
    return c;
}

Status ModelComparer::addReviews(const Filter& filter, QList<ModelFigures>* models) const
{
    if (!m_store->hasReviews())
        return Done {};
    const SqlDialect d(m_store->dialect());
    QMap<std::optional<QString>, ReviewVerdicts> byModel;
    RAGSCOPE_TRY(verdicts, run(m_store, ComparisonSql::reviewVerdicts(d, filter)));
    while (verdicts.next()) {
        ReviewVerdicts& v = byModel[ComparisonSql::modelOfGroup(verdicts.value(0).toString())];
        v.reviewed = sqlCount(verdicts.value(1));
        v.meanRating = sqlOptionalDouble(verdicts.value(2));
        v.lowRated = sqlCount(verdicts.value(3));
    }
    RAGSCOPE_TRY(labels, run(m_store, ComparisonSql::reviewLabels(d, filter)));
    while (labels.next()) {
        byModel[ComparisonSql::modelOfGroup(labels.value(0).toString())].labels.append(
            { labels.value(1).toString(), sqlCount(labels.value(2)) });
    }
    for (ModelFigures& m : *models)
        m.reviews = byModel.value(m.model);
    return Done {};
}

Result<AbComparison> ModelComparer::compare(const Filter& filter, const QString& a, const QString& b) const
{
    RAGSCOPE_TRY(all, compare(filter));
    return compare(all, a, b);
}

Result<AbComparison> ModelComparer::compare(
    const ModelComparison& all, const QString& a, const QString& b) const
{
    AbComparison ab;
    ab.a = a;
    ab.b = b;
    ab.figuresA = all.find(a).value_or(ModelFigures {});
    ab.figuresA.model = a;
    ab.figuresB = all.find(b).value_or(ModelFigures {});
    ab.figuresB.model = b;
    ab.window = AbTests::of(ab.figuresA.ratings, ab.figuresB.ratings);
    RAGSCOPE_TRY(byWeek, weeks(all.filter, a, b));
    ab.weeks = byWeek;
    return ab;
}

Result<QList<AbWeek>> ModelComparer::weeks(const Filter& filter, const QString& a, const QString& b) const
{
    PerformanceMonitor perf(QStringLiteral("model comparison weeks"));
    RAGSCOPE_TRY(q, run(m_store, ComparisonSql::weeklyRatings(SqlDialect(m_store->dialect()), filter, a, b)));
    // Keyed by the week's ISO text, which sorts as time.
    QMap<QString, AbWeek> weeks;
    while (q.next()) {
        AbWeek& w = weeks[q.value(0).toString()];
        w.monday = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        const bool isA = q.value(1).toString() == a;
        const qint64 n = sqlCount(q.value(3));
        (isA ? w.requestsA : w.requestsB) += n;
        const int rating = q.value(2).toInt();
        if (!q.value(2).isNull() && rating >= 1 && rating <= 5)
            (isA ? w.tests.a : w.tests.b)[size_t(rating - 1)] += n;
    }
    QList<AbWeek> out;
    for (AbWeek w : std::as_const(weeks)) {
        w.tests = AbTests::of(w.tests.a, w.tests.b);
        out << w;
    }
    return out;
}

} // namespace RagScope
