#include "reconciliationmodel.h"

#include "appearance/semanticcolors.h"
#include "money/costdisplay.h"

#include <QBrush>
#include <QGuiApplication>

namespace RagScope {

void ReconciliationModel::setRows(const QList<CostReconciliation>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ReconciliationModel::mismatches() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
        [](const CostReconciliation& r) { return !r.difference().isZero(); }));
}

int ReconciliationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReconciliationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReconciliationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CostReconciliation& r = m_rows[index.row()];
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case DayColumn:
            return r.day;
        case ModelColumn:
            return r.model.value_or(tr("(no model)"));
        case RequestsColumn:
            return QLocale().toString(r.requests);
        case StoredColumn:
            return CostDisplay::sum(r.stored, r.requests, r.storedUnpriced, CostDisplay::Style::Plain);
        case RecomputedColumn:
            return CostDisplay::sum(
                r.recomputed, r.requests, r.recomputedUnpriced, CostDisplay::Style::Plain);
        case DifferenceColumn:
            return r.difference().toString();
        }
    } else if (role == SortRole) {
        switch (column) {
        case DayColumn:
            return r.day;
        case ModelColumn:
            return r.model.value_or(QString());
        case RequestsColumn:
            return r.requests;
        case StoredColumn:
            return r.stored.units();
        case RecomputedColumn:
            return r.recomputed.units();
        case DifferenceColumn:
            return r.difference().units();
        }
    } else if (role == Qt::ToolTipRole && column >= StoredColumn) {
        return tr("Stored %1 USD (%2 requests without one), recomputed %3 USD (%4 without a price)")
            .arg(r.stored.toString())
            .arg(r.storedUnpriced)
            .arg(r.recomputed.toString())
            .arg(r.recomputedUnpriced);
    } else if (role == Qt::TextAlignmentRole && column >= RequestsColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole && column == DifferenceColumn && !r.difference().isZero()) {
        return QBrush(SemanticColors::text(SemanticColors::Role::Error, QGuiApplication::palette()));
    }
    return {};
}

QVariant ReconciliationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DayColumn:
        return tr("Day (UTC)");
    case ModelColumn:
        return tr("Model");
    case RequestsColumn:
        return tr("Requests");
    case StoredColumn:
        return tr("Stored (USD)");
    case RecomputedColumn:
        return tr("Recomputed (USD)");
    case DifferenceColumn:
        return tr("Difference (USD)");
    }
    return {};
}

} // namespace RagScope
