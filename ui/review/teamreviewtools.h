#pragma once

#include "review/reviewtypes.h"
#include "store/store.h"

#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace RagScope {

class LatestJob;

/// What the Review page offers for working as a team: the shared labels (loaded from the store
/// off the GUI thread, the settings' labels where the store has none for this role), the
/// Labels… editor and the Queues… dialog.
class TeamReviewTools : public QObject
{
    Q_OBJECT
public:
    /// `query` gives the page's current filters and `reviewer` the reviewer's name when a
    /// dialog opens; dialogs are children of `page`.
    TeamReviewTools(
        QWidget* page, std::function<ReviewQueueQuery()> query, std::function<QString()> reviewer);

    QAction* queuesAction() const { return m_queues; }
    QAction* labelsAction() const { return m_labelsAction; }
    /// The labels offered now (the team's, or the fallback).
    const LabelSet& labels() const { return m_labels; }
    bool isBusy() const;

    /// Loads the labels of `store` (none: the fallback at once); labelsChanged() follows.
    void setStore(StorePtr store);

signals:
    void labelsChanged(const QList<RagScope::ReviewLabel>& labels);

private:
    void loadLabels();
    static LabelSet fallback();

    QWidget* m_page;
    std::function<ReviewQueueQuery()> m_query;
    std::function<QString()> m_reviewer;
    StorePtr m_store;
    LabelSet m_labels;
    LatestJob* m_job;
    QAction* m_queues;
    QAction* m_labelsAction;
};

} // namespace RagScope
