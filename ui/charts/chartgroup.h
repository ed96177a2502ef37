#pragma once

#include <QList>
#include <QMargins>
#include <QObject>
#include <QPointer>

namespace RagScope {

class TimeChart;

/// The time charts of one page, kept aligned: the same time range and the same plot-area left
/// edge (the widest value-axis labels win), so one date sits at the same x in every chart.
class ChartGroup : public QObject
{
    Q_OBJECT
public:
    explicit ChartGroup(QObject* parent = nullptr);

    /// Adds a chart; the group re-aligns whenever a chart's plot area or time range changes.
    void add(TimeChart* chart);
    /// Aligns now (otherwise done on the next event-loop pass after a change).
    void align();
    QList<TimeChart*> charts() const;

private:
    void scheduleAlign();
    void alignTimeRanges();
    void alignLeftEdges();

    QList<QPointer<TimeChart>> m_charts;
    QMargins m_baseMargins;
    bool m_pending = false;
    bool m_aligning = false;
};

} // namespace RagScope
