#pragma once

#include "feedback/reviewqueue.h"

#include <QTableView>

namespace RagScope {

class ReviewQueueModel;

/// The Review page's queue table: fixed-height rows (no per-row measuring), a header that
/// sorts only by what the queue can sort by in SQL, columns sized to the first page with the
/// query preview taking what is left.
class ReviewQueueTable : public QTableView
{
    Q_OBJECT
public:
    explicit ReviewQueueTable(ReviewQueueModel* model, QWidget* parent = nullptr);

    /// Shows `key` as the sorted column without asking for a sort.
    void setSort(ReviewQueueQuery::SortKey key, bool descending);
    /// Sizes the columns to the rows loaded (call once the first page is in).
    void sizeColumns();
    /// Moves the current row by `delta`, clamped to the rows there are.
    void moveCurrent(int delta);

signals:
    /// The user clicked a header the queue can sort by.
    void sortRequested(RagScope::ReviewQueueQuery::SortKey key, bool descending);

private:
    void sortIndicatorChanged(int column, Qt::SortOrder order);
    void fitSortedColumn();

    ReviewQueueModel* m_model;
    ReviewQueueQuery::SortKey m_sort = ReviewQueueQuery::SortKey::CreatedAt;
    bool m_descending = true;
};

} // namespace RagScope
