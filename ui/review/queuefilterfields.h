#pragma once

#include "feedback/reviewqueue.h"

#include <QWidget>

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace RagScope {

/// The parts of a new queue's filter the Review page has no control for: a rolling window
/// ("the last N days", evaluated whenever the queue is read), a confidence range and a
/// reviewer label.
class QueueFilterFields : public QWidget
{
    Q_OBJECT
public:
    explicit QueueFilterFields(QWidget* parent = nullptr);

    /// Writes the fields that are set into `query` (a rolling window replaces its fixed one).
    void applyTo(ReviewQueueQuery& query) const;

    QSpinBox* lastDaysBox() const { return m_lastDays; }
    QDoubleSpinBox* minConfidenceBox() const { return m_min; }
    QDoubleSpinBox* maxConfidenceBox() const { return m_max; }
    QLineEdit* labelField() const { return m_label; }

private:
    QSpinBox* m_lastDays;
    QDoubleSpinBox* m_min;
    QDoubleSpinBox* m_max;
    QLineEdit* m_label;
};

} // namespace RagScope
