#include "dailycostmodel.h"

#include "money/costdisplay.h"

namespace RagScope {

DailyCostModel::DailyCostModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void DailyCostModel::setData(const QList<DailyCost>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int DailyCostModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DailyCostModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DailyCostModel::modelLabel(const DailyCost& row)
{
    return row.model ? *row.model : tr("(no model)");
}

QVariant DailyCostModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DailyCost& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case DayColumn:
            return row.day;
        case ModelColumn:
            return modelLabel(row);
        case RequestsColumn:
            return row.requests;
        case PromptTokensColumn:
            return row.promptTokens;
        case CompletionTokensColumn:
            return row.completionTokens;
        case CostColumn:
            if (role == SortRole)
                return row.cost.units();
            return CostDisplay::sum(row.cost, row.requests, row.unpricedRequests, CostDisplay::Style::Plain);
        }
        break;
    case CostUnitsRole:
        return row.cost.units();
    case Qt::ToolTipRole:
        if (index.column() == CostColumn)
            return CostDisplay::sum(row.cost, row.requests, row.unpricedRequests);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= RequestsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant DailyCostModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DayColumn:
        return tr("Day (UTC)");
    case ModelColumn:
        return tr("Model");
    case RequestsColumn:
        return tr("Requests");
    case PromptTokensColumn:
        return tr("Prompt tok.");
    case CompletionTokensColumn:
        return tr("Completion tok.");
    case CostColumn:
        return tr("Cost (USD)");
    }
    return {};
}

} // namespace RagScope
