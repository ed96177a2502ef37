#include "reviewqueuetable.h"

#include "models/reviewqueuemodel.h"

#include <QHeaderView>
#include <QSignalBlocker>

namespace RagScope {

namespace {
constexpr int MinQueryWidth = 160;

Qt::SortOrder order(bool descending)
{
    return descending ? Qt::DescendingOrder : Qt::AscendingOrder;
}
} // namespace

ReviewQueueTable::ReviewQueueTable(ReviewQueueModel* model, QWidget* parent)
    : QTableView(parent)
    , m_model(model)
{
    setModel(model);
    setAccessibleName(tr("Review queue"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // no per-row measuring
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView* header = horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(ReviewQueueModel::Time, Qt::DescendingOrder);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &ReviewQueueTable::sortIndicatorChanged);
}

void ReviewQueueTable::setSort(ReviewQueueQuery::SortKey key, bool descending)
{
    m_sort = key;
    m_descending = descending;
    {
        const QSignalBlocker blocker(horizontalHeader());
        horizontalHeader()->setSortIndicator(ReviewQueueModel::columnForSortKey(key), order(descending));
    }
    fitSortedColumn();
}

void ReviewQueueTable::sizeColumns()
{
    // Sized to the first page, with room for the sort arrow only in the sorted column (a
    // column gets it when sorted); the long query preview takes what is left.
    QHeaderView* header = horizontalHeader();
    header->setSortIndicatorShown(false);
    resizeColumnsToContents();
    header->setSortIndicatorShown(true);
    fitSortedColumn();
    int used = 0;
    for (int column = 0; column < ReviewQueueModel::Query; ++column)
        used += header->sectionSize(column);
    header->resizeSection(ReviewQueueModel::Query, qMax(MinQueryWidth, viewport()->width() - used));
}

void ReviewQueueTable::moveCurrent(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    setCurrentIndex(m_model->index(row, current.isValid() ? current.column() : 0));
    scrollTo(currentIndex());
}

void ReviewQueueTable::sortIndicatorChanged(int column, Qt::SortOrder sortOrder)
{
    const auto key = ReviewQueueModel::sortKeyForColumn(column);
    if (!key) { // the queue cannot sort by this column: put the indicator back
        setSort(m_sort, m_descending);
        return;
    }
    m_sort = *key;
    m_descending = sortOrder == Qt::DescendingOrder;
    fitSortedColumn();
    emit sortRequested(m_sort, m_descending);
}

void ReviewQueueTable::fitSortedColumn()
{
    QHeaderView* header = horizontalHeader();
    const int column = header->sortIndicatorSection();
    header->resizeSection(column, qMax(header->sectionSize(column), header->sectionSizeHint(column)));
}

} // namespace RagScope
