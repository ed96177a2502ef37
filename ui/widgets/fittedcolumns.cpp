#include "fittedcolumns.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

namespace RagScope {

FittedColumns::FittedColumns(QTableView* view)
    : QObject(view)
    , m_view(view)
{
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &FittedColumns::scheduleFit);
    if (QAbstractItemModel* model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &FittedColumns::scheduleFit);
        connect(model, &QAbstractItemModel::layoutChanged, this, &FittedColumns::scheduleFit);
        connect(model, &QAbstractItemModel::rowsInserted, this, &FittedColumns::scheduleFit);
        connect(model, &QAbstractItemModel::dataChanged, this, &FittedColumns::scheduleFit);
        connect(model, &QAbstractItemModel::headerDataChanged, this, &FittedColumns::scheduleFit);
    }
    fit();
}

void FittedColumns::scheduleFit()
{
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, &FittedColumns::fit);
}

void FittedColumns::fit()
{
    m_pending = false;
    QHeaderView* header = m_view->horizontalHeader();
    const QAbstractItemView* view = m_view; // sizeHintForColumn() is public here
    const bool arrows = header->isSortIndicatorShown();
    const int sorted = header->sortIndicatorSection();
    int total = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        header->setSortIndicatorShown(arrows && column == sorted);
        const int width = std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
        header->resizeSection(column, width);
        total += width;
    }
    header->setSortIndicatorShown(arrows);
    // Frame and a vertical scroll bar that may come with more rows.
    total += 2 * m_view->frameWidth() + m_view->verticalScrollBar()->sizeHint().width();
    m_view->setMinimumWidth(total);
}

} // namespace RagScope
