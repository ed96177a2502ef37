#pragma once

#include "metrics/metricstypes.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The daily cost table: one row per (UTC day, model), as MetricsCollector::dailyCost gives it.
/// Cost is shown exactly (8 decimals), so the CSV export keeps every digit.
class DailyCostModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns {
        DayColumn,
        ModelColumn,
        RequestsColumn,
        PromptTokensColumn,
        CompletionTokensColumn,
        CostColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< numbers as numbers (cost in 1e-8 USD units), for a sort proxy
        CostUnitsRole, ///< the row's cost as Money units (qint64)
    };

    explicit DailyCostModel(QObject* parent = nullptr);

    void setData(const QList<DailyCost>& rows);
    const QList<DailyCost>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "(no model)" for rows whose model_name is NULL.
    static QString modelLabel(const DailyCost& row);

private:
    QList<DailyCost> m_rows;
};

} // namespace RagScope
