#pragma once

#include <QObject>

class QTableView;

namespace RagScope {

/// Keeps a table's columns as wide as their text and the table wide enough to show them all:
/// header sort arrows get room only in the sorted column (room for one in every column made
/// wide tables scroll numbers out of sight), and the view's minimum width is the columns' sum,
/// so the layout gives it that room instead of a horizontal scroll bar.
class FittedColumns : public QObject
{
    Q_OBJECT
public:
    /// Fits `view` now and whenever its model's rows or the sort column change. A column set to
    /// QHeaderView::Stretch afterwards keeps stretching (the minimum width counts its text).
    explicit FittedColumns(QTableView* view);

    /// Fits now (otherwise done on the next event-loop pass after a change).
    void fit();

private:
    void scheduleFit();

    QTableView* m_view;
    bool m_pending = false;
};

} // namespace RagScope
