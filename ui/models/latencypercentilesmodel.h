#pragma once

#include "metrics/metricstypes.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The window's latency percentiles: rows total / retrieval / generation, columns p50…p99 (ms).
class LatencyPercentilesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Rows { TotalRow, RetrievalRow, GenerationRow, RowCount };
    enum Columns { PhaseColumn, P50Column, P75Column, P90Column, P95Column, P99Column, ColumnCount };
    enum Roles {
        MillisecondsRole = Qt::UserRole, ///< the exact value as a double; null where undefined
    };

    explicit LatencyPercentilesModel(QObject* parent = nullptr);

    void setData(const LatencyPercentiles& percentiles);
    const LatencyPercentiles& percentiles() const { return m_data; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Percentiles& row(int r) const;

    LatencyPercentiles m_data;
};

} // namespace RagScope
