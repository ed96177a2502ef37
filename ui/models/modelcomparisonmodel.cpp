#include "modelcomparisonmodel.h"

#include "money/costdisplay.h"

#include <QLocale>

namespace RagScope {

namespace {

QVariant optionalNumber(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

QString percent(const std::optional<double>& value)
{
    return value ? QLocale().toString(*value * 100, 'f', 1) + QLatin1Char('%')
                 : ModelComparisonModel::tr("—");
}

QString ms(const std::optional<double>& value)
{
    return value ? QLocale().toString(*value, 'f', 0) : ModelComparisonModel::tr("—");
}

QString perUnit(const std::optional<Money>& amount)
{
    return amount ? QStringLiteral("$") + amount->toString() : ModelComparisonModel::tr("—");
}

} // namespace

ModelComparisonModel::ModelComparisonModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ModelComparisonModel::setData(const ModelComparison& comparison)
{
    beginResetModel();
    m_comparison = comparison;
    QList<Money> costs;
    for (const ModelFigures& m : comparison.models)
        costs << m.cost;
    m_cost = UsdColumn(costs);
    endResetModel();
}

int ModelComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.models.size());
}

int ModelComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelFigures& m = m_comparison.models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(m, index.column());
    case SortRole:
        return sortValue(m, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Model ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == Reviews && !m.reviews.labels.isEmpty()) {
            QStringList lines;
            for (const auto& [label, count] : m.reviews.labels)
                lines << tr("%1: %2").arg(label).arg(count);
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == Cost && m.unpricedRequests > 0)
            return tr("%1 requests without a stored cost add nothing").arg(m.unpricedRequests);
        return {};
    }
    return {};
}

QVariant ModelComparisonModel::display(const ModelFigures& m, int column) const
{
    const QLocale locale;
    switch (column) {
    case Model:
        return m.displayName();
    case Requests:
        return tr("%1 (%2)").arg(locale.toString(m.requests), percent(m_comparison.share(m)));
    case Cost:
        return m_cost.sum(m.cost, m.requests, m.unpricedRequests);
    case CostPerRequest:
    case CostPer1kTokens:
        // A model without any stored cost has no price, not a price of zero.
        if (m.requests > 0 && m.unpricedRequests == m.requests)
            return CostDisplay::noPrice();
        return perUnit(column == CostPerRequest ? m.costPerRequest() : m.costPer1kTokens());
    case TotalLatency:
        return tr("%1 / %2").arg(ms(m.latency.total.p50()), ms(m.latency.total.p95()));
    case RetrievalLatency:
        return tr("%1 / %2").arg(ms(m.latency.retrieval.p50()), ms(m.latency.retrieval.p95()));
    case GenerationLatency:
        return tr("%1 / %2").arg(ms(m.latency.generation.p50()), ms(m.latency.generation.p95()));
    case Confidence:
        return m.avgConfidence ? locale.toString(*m.avgConfidence, 'f', 3) : tr("—");
    case FeedbackRate:
        return percent(m.feedbackRate());
    case Rating: {
        if (m.ratingCount() == 0)
            return tr("—");
        const auto ci = m.meanRatingCi95();
        const QString mean = locale.toString(*m.meanRating(), 'f', 2);
        return ci ? tr("%1 [%2, %3] n=%4")
                        .arg(mean, locale.toString(ci->lo, 'f', 2), locale.toString(ci->hi, 'f', 2))
                        .arg(m.ratingCount())
                  : tr("%1 n=%2").arg(mean).arg(m.ratingCount());
    }
    case LowRated: {
        const auto ci = m.lowRatedWilson95();
        if (!ci)
            return tr("—");
        return tr("%1 [%2, %3]")
            .arg(percent(m.lowRatedRate()), locale.toString(ci->lo * 100, 'f', 1),
                locale.toString(ci->hi * 100, 'f', 1));
    }
    case Reviews:
        if (m.reviews.reviewed == 0)
            return tr("—");
        return tr("%1: mean %2, %3 low")
            .arg(m.reviews.reviewed)
            .arg(m.reviews.meanRating ? locale.toString(*m.reviews.meanRating, 'f', 2) : tr("—"))
            .arg(m.reviews.lowRated);
    }
    return {};
}

QVariant ModelComparisonModel::sortValue(const ModelFigures& m, int column) const
{
    switch (column) {
    case Model:
        return m.displayName();
    case Requests:
        return m.requests;
    case Cost:
        return m.cost.units();
    case CostPerRequest:
        return m.costPerRequest() ? QVariant(m.costPerRequest()->units()) : QVariant();
    case CostPer1kTokens:
        return m.costPer1kTokens() ? QVariant(m.costPer1kTokens()->units()) : QVariant();
    case TotalLatency:
        return optionalNumber(m.latency.total.p95());
    case RetrievalLatency:
        return optionalNumber(m.latency.retrieval.p95());
    case GenerationLatency:
        return optionalNumber(m.latency.generation.p95());
    case Confidence:
        return optionalNumber(m.avgConfidence);
    case FeedbackRate:
        return optionalNumber(m.feedbackRate());
    case Rating:
        return optionalNumber(m.meanRating());
    case LowRated:
        return optionalNumber(m.lowRatedRate());
    case Reviews:
        return m.reviews.reviewed;
    }
    return {};
}

QVariant ModelComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Model:
        return tr("Model");
    case Requests:
        return tr("Requests\n(share)");
    case Cost:
        return tr("Cost");
    case CostPerRequest:
        return tr("Per\nrequest");
    case CostPer1kTokens:
        return tr("Per 1k\ntokens");
    case TotalLatency:
        return tr("Total ms\np50 / p95");
    case RetrievalLatency:
        return tr("Retrieval\np50 / p95");
    case GenerationLatency:
        return tr("Generation\np50 / p95");
    case Confidence:
        return tr("Mean\nconfidence");
    case FeedbackRate:
        return tr("Feedback");
    case Rating:
        return tr("Mean rating\n[95% CI]");
    case LowRated:
        return tr("Low-rated (≤ 2)\n[Wilson 95%]");
    case Reviews:
        return tr("Reviewed:\nnewest rating");
    }
    return {};
}

} // namespace RagScope
