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
/// reviewer's name for the store's profile (its own name, else the database role or OS user),
/// the Labels… editor and the Queues… dialog.
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

    /// Loads the labels of `store` (none: the fallback at once) and resolves its reviewer;
    /// labelsChanged() and reviewerResolved() follow.
    void setStore(StorePtr store);
    /// Keeps `name` as the reviewer of the open store's profile (empty: back to the default).
    void keepReviewer(const QString& name);

signals:
    void labelsChanged(const QList<RagScope::ReviewLabel>& labels);
    void reviewerResolved(const QString& reviewer);
    /// The Queues… dialog closed (it may have saved a queue).
    void queuesChanged();

private:
    void loadLabels();
    void resolveReviewer();
    static LabelSet fallback();

    QWidget* m_page;
    std::function<ReviewQueueQuery()> m_query;
    std::function<QString()> m_reviewer;
    StorePtr m_store;
    LabelSet m_labels;
    LatestJob* m_job;
    LatestJob* m_identityJob;
    QAction* m_queues;
    QAction* m_labelsAction;
};

} // namespace RagScope
