#pragma once

#include "review/reviewtypes.h"
#include "store/store.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDoubleSpinBox;
class QTableWidget;

namespace RagScope {

class LatestJob;
class QueueFilterFields;

/// The team's saved queues: pick one to see its progress (per queue and per reviewer), the
/// agreement of its reviewers (κ per pair, α) and the items they disagree on; or save the
/// Review page's current filters (plus a rolling window, a confidence range and a label) as a
/// new queue with a goal, a sample and k reviews per item.
/// Everything loads off the GUI thread.
class QueuesDialog : public QDialog
{
    Q_OBJECT
public:
    QueuesDialog(StorePtr store, const ReviewQueueQuery& currentFilters, const QString& reviewer,
        QWidget* parent = nullptr);

    QComboBox* queuePicker() const { return m_picker; }
    QTableWidget* progressTable() const { return m_progress; }
    QTableWidget* agreementTable() const { return m_pairs; }
    QTableWidget* disagreementTable() const { return m_disagreements; }
    QueueFilterFields* filterFields() const { return m_filterFields; }
    QString summary() const;
    QString agreementSummary() const;
    QString message() const;
    bool isBusy() const;

public slots:
    /// Saves the current filters as a queue named in the form's name field.
    void saveAsQueue();
    /// Records the adjudicator's (this reviewer's) final verdict on the selected disagreement.
    void adjudicate(int rating, const QString& label, const QString& comment);

signals:
    void loaded();

private:
    void loadQueues(const QString& select = {});
    void showQueue();

    StorePtr m_store;
    ReviewQueueQuery m_filters;
    QString m_reviewer;
    QList<SavedQueue> m_queues;
    QList<Disagreement> m_shown; ///< the rows of the disagreements table
    LatestJob* m_listJob;
    LatestJob* m_progressJob;
    LatestJob* m_agreementJob;
    LatestJob* m_disagreementJob;
    LatestJob* m_saveJob;
    QComboBox* m_picker;
    QLabel* m_summary;
    QTableWidget* m_progress;
    QLabel* m_alpha;
    QTableWidget* m_pairs;
    QTableWidget* m_disagreements;
    QLineEdit* m_name;
    QLineEdit* m_goal;
    QSpinBox* m_k;
    QDoubleSpinBox* m_sample;
    QCheckBox* m_blind;
    QSpinBox* m_lease; ///< minutes
    QueueFilterFields* m_filterFields;
    QLabel* m_message;
};

} // namespace RagScope
