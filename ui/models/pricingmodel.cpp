#include "pricingmodel.h"

namespace RagScope {

PricingModel::PricingModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void PricingModel::setTable(const PriceTable& table)
{
    beginResetModel();
    m_table = table;
    endResetModel();
}

int PricingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_table.rows().size());
}

int PricingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PricingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelPrice& row = m_table.rows()[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PrefixColumn:
            return row.prefix;
        case InputColumn:
            return row.input.toString();
        case OutputColumn:
            return row.output ? row.output->toString() : tr("—");
        case OriginColumn:
            return m_table.origin();
        case ValidColumn: {
            // "always", "from 2026-10-01T00:00:00Z", "to …", "from … to …" (UTC)
            QStringList parts;
            if (row.validFrom.isValid())
                parts << tr("from %1").arg(row.validFrom.toString(Qt::ISODate));
            if (row.validTo.isValid())
                parts << tr("to %1").arg(row.validTo.toString(Qt::ISODate));
            return parts.isEmpty() ? tr("always") : parts.join(QLatin1Char(' '));
        }
        }
        break;
    case PriceUnitsRole:
        if (index.column() == InputColumn)
            return row.input.unitsPerMillion;
        if (index.column() == OutputColumn && row.output)
            return row.output->unitsPerMillion;
        break;
    case Qt::ToolTipRole:
        if (index.column() == OutputColumn && !row.output)
            return tr("Embedding model: only input tokens are priced");
        if (index.column() == PrefixColumn)
            return tr("Applies to every model whose name starts with %1 (longest prefix wins)")
                .arg(row.prefix);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == InputColumn || index.column() == OutputColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant PricingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PrefixColumn:
        return tr("Model prefix");
    case InputColumn:
        return tr("Input $/1M");
    case OutputColumn:
        return tr("Output $/1M");
    case OriginColumn:
        return tr("Origin");
    case ValidColumn:
        return tr("In effect (UTC)");
    }
    return {};
}

} // namespace RagScope
