#pragma once

#include "comparison/modelfigures.h"
#include "widgets/usdcolumn.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The Models page's table (ModelComparer::compare): one row per model, side by side.
class ModelComparisonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Cost and quality first: what a comparison is read for; latency after.
    enum Columns {
        Model,
        Requests,
        Cost,
        CostPerRequest,
        CostPer1kTokens,
        Rating,
        LowRated,
        FeedbackRate,
        Confidence,
        Reviews,
        TotalLatency,
        RetrievalLatency,
        GenerationLatency,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the raw number (or name) to sort by
    };

    explicit ModelComparisonModel(QObject* parent = nullptr);

    void setData(const ModelComparison& comparison);
    const ModelComparison& comparison() const { return m_comparison; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ModelFigures& m, int column) const;
    QVariant sortValue(const ModelFigures& m, int column) const;

    ModelComparison m_comparison;
    UsdColumn m_cost; ///< one number of decimals for the whole cost column
};

} // namespace RagScope
