#include "modelfigures.h"

#include <QCoreApplication>

namespace RagScope {

QString ModelFigures::displayName() const
{
    return model ? *model : QCoreApplication::translate("ModelFigures", "(no model)");
}

std::optional<double> ModelFigures::feedbackRate() const
{
    if (requests == 0)
        return std::nullopt;
    return double(withFeedback) / double(requests);
}

std::optional<Money> ModelFigures::costPerRequest() const
{
    if (requests == 0)
        return std::nullopt;
    return cost.scaled(1, requests);
}

std::optional<Money> ModelFigures::costPer1kTokens() const
{
    const qint64 tokens = promptTokens + completionTokens;
    if (tokens == 0)
        return std::nullopt;
    return cost.scaled(1000, tokens);
}

std::optional<double> ModelFigures::meanRating() const
{
    const auto m = ComparisonStats::ratingMean(ratings);
    return m ? std::optional<double>(m->mean) : std::nullopt;
}

std::optional<ComparisonStats::Interval> ModelFigures::meanRatingCi95() const
{
    return ComparisonStats::meanInterval(ratings);
}

std::optional<double> ModelFigures::lowRatedRate() const
{
    const qint64 n = ratingCount();
    if (n == 0)
        return std::nullopt;
    return double(lowRated()) / double(n);
}

std::optional<ComparisonStats::Interval> ModelFigures::lowRatedWilson95() const
{
    return ComparisonStats::wilsonInterval(lowRated(), ratingCount());
}

qint64 ModelComparison::totalRequests() const
{
    qint64 n = 0;
    for (const ModelFigures& m : models)
        n += m.requests;
    return n;
}

std::optional<double> ModelComparison::share(const ModelFigures& figures) const
{
    const qint64 all = totalRequests();
    if (all == 0)
        return std::nullopt;
    return double(figures.requests) / double(all);
}

std::optional<ModelFigures> ModelComparison::find(const QString& name) const
{
    for (const ModelFigures& m : models) {
        if (m.model == name)
            return m;
    }
    return std::nullopt;
}

} // namespace RagScope
