#pragma once

#include "comparison/abcomparison.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The A/B panel's table: the window's tests in the first row, then one row per UTC week.
class AbWeeksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns {
        Period,
        Requests,
        Ratings,
        MeanDifference,
        WelchP,
        MannWhitneyP,
        LowRatedDifference,
        ZTestP,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the raw number (week start as text) to sort by
    };

    explicit AbWeeksModel(QObject* parent = nullptr);

    void setData(const AbComparison& comparison);
    const AbComparison& comparison() const { return m_comparison; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(
        const QString& period, qint64 requestsA, qint64 requestsB, const AbTests& t, int column) const;
    QVariant sortValue(
        const QString& period, qint64 requestsA, qint64 requestsB, const AbTests& t, int column) const;

    AbComparison m_comparison;
    bool m_loaded = false;
};

} // namespace RagScope
