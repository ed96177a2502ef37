#pragma once

#include "pricing/costledger.h"

#include <QAbstractTableModel>

namespace RagScope {

/// Per day and model: requests, the stored cost, the recomputed cost and their difference
/// (a backend that prices a model wrong shows up as a non-zero difference).
class ReconciliationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns {
        DayColumn,
        ModelColumn,
        RequestsColumn,
        StoredColumn,
        RecomputedColumn,
        DifferenceColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole }; ///< numbers as numbers, money as units

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<CostReconciliation>& rows);
    const QList<CostReconciliation>& rows() const { return m_rows; }
    /// Rows whose stored and recomputed cost differ.
    int mismatches() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CostReconciliation> m_rows;
};

} // namespace RagScope
