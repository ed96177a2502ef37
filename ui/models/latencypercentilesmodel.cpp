#include "latencypercentilesmodel.h"

#include <QLocale>

namespace RagScope {

LatencyPercentilesModel::LatencyPercentilesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void LatencyPercentilesModel::setData(const LatencyPercentiles& percentiles)
{
    beginResetModel();
    m_data = percentiles;
    endResetModel();
}

int LatencyPercentilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int LatencyPercentilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Percentiles& LatencyPercentilesModel::row(int r) const
{
    switch (r) {
    case RetrievalRow:
        return m_data.retrieval;
    case GenerationRow:
        return m_data.generation;
    default:
        return m_data.total;
    }
}

QVariant LatencyPercentilesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.column() == PhaseColumn) {
        if (role != Qt::DisplayRole)
            return {};
        switch (index.row()) {
        case TotalRow:
            return tr("Total");
        case RetrievalRow:
            return tr("Retrieval");
        case GenerationRow:
            return tr("Generation");
        }
        return {};
    }
    const std::optional<double> value = row(index.row()).values[size_t(index.column() - P50Column)];
    switch (role) {
    case Qt::DisplayRole:
        return value ? QLocale().toString(*value, 'f', 1) : tr("—");
    case MillisecondsRole:
        return value ? QVariant(*value) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant LatencyPercentilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == PhaseColumn)
        return tr("Phase");
    const double level = Percentiles::Levels[size_t(section - P50Column)];
    return tr("p%1 (ms)").arg(qRound(level * 100));
}

} // namespace RagScope
