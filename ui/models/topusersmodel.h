#pragma once

#include "metrics/metricstypes.h"
#include "widgets/usdcolumn.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The busiest users of a window (MetricsCollector::userStats), one row each.
class TopUsersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { User, Requests, Cost, AvgLatency, AvgRating, LowRated, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole, ///< the raw number (or text) to sort by
        UserIdRole, ///< the user id of the row
    };

    explicit TopUsersModel(QObject* parent = nullptr);

    void setData(const QList<UserStats>& rows);
    const QList<UserStats>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UserStats> m_rows;
    UsdColumn m_cost; ///< one number of decimals for the whole cost column
};

} // namespace RagScope
