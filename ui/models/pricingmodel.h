#pragma once

#include "money/pricetable.h"

#include <QAbstractTableModel>

namespace RagScope {

/// The price table in use: one row per model prefix, prices in USD per 1M tokens.
class PricingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { PrefixColumn, InputColumn, OutputColumn, OriginColumn, ValidColumn, ColumnCount };
    enum Roles {
        PriceUnitsRole
        = Qt::UserRole, ///< price as TokenPrice units (1e-12 USD per 1M tokens); null for no output price
    };

    explicit PricingModel(QObject* parent = nullptr);

    void setTable(const PriceTable& table);
    const PriceTable& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PriceTable m_table;
};

} // namespace RagScope
