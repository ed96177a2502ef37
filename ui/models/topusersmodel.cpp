#include "topusersmodel.h"

#include <QLocale>

namespace RagScope {

namespace {

QVariant optionalNumber(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

TopUsersModel::TopUsersModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void TopUsersModel::setData(const QList<UserStats>& rows)
{
    beginResetModel();
    m_rows = rows;
    QList<Money> costs;
    for (const UserStats& row : rows)
        costs << row.cost;
    m_cost = UsdColumn(costs);
    endResetModel();
}

int TopUsersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopUsersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopUsersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserStats& row = m_rows.at(index.row());
    if (role == UserIdRole)
        return row.user;
    if (role == Qt::TextAlignmentRole)
        return index.column() == User ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const QLocale locale;
    const auto orDash
        = [](const std::optional<double>& v, const auto& format) { return v ? format(*v) : tr("—"); };
    if (role == SortRole) {
        switch (index.column()) {
        case User:
            return row.user;
        case Requests:
            return row.requests;
        case Cost:
            return row.cost.units();
        case AvgLatency:
            return optionalNumber(row.avgLatencyMs);
        case AvgRating:
            return optionalNumber(row.avgRating);
        case LowRated:
            return row.lowRated;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case User:
        return row.user;
    case Requests:
        return locale.toString(row.requests);
    case Cost:
        return m_cost.sum(row.cost, row.requests, row.unpricedRequests);
    case AvgLatency:
        return orDash(
            row.avgLatencyMs, [&locale](double v) { return tr("%1 ms").arg(locale.toString(v, 'f', 0)); });
    case AvgRating:
        return orDash(row.avgRating, [&locale](double v) { return locale.toString(v, 'f', 2); });
    case LowRated:
        return locale.toString(row.lowRated);
    }
    return {};
}

QVariant TopUsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case User:
        return tr("User");
    case Requests:
        return tr("Requests");
    case Cost:
        return tr("Cost");
    case AvgLatency:
        return tr("Avg latency");
    case AvgRating:
        return tr("Avg rating");
    case LowRated:
        return tr("Low-rated");
    }
    return {};
}

} // namespace RagScope
