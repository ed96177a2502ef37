#pragma once

#include "dashboardpage.h"

class QModelIndex;

namespace RagScope {

class InteractionDetailView;
class LatestJob;
class Panel;
class QueueWorkBar;
class ReviewForm;
class ReviewQueueControls;
class ReviewQueueModel;
class ReviewQueueTable;
class ShortcutSheet;
class TeamReviewTools;
struct ReviewDraft;

/// Where quality reviewers work through low-rated and low-confidence answers: a paged queue
/// (filtered and sorted in SQL), the selected interaction in full, and a review form that
/// saves into RagScope's own reviews table, never over the end user's feedback. Keyboard
/// first: j/k or ↓/↑ move, 1–5 rate, the team's label keys label, Ctrl+Enter saves and moves
/// on, s skips, u undoes the last save (within a minute), Ctrl+F searches, ? or F1 lists them.
/// With a saved queue picked, items are claimed one by one (N, and after each save or skip).
class ReviewPage : public DashboardPage
{
    Q_OBJECT
public:
    explicit ReviewPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;
    bool isBusy() const override;

    /// Sets the page's controls to `query` (a drill-down from another page) and loads it.
    void showQuery(const ReviewQueueQuery& query);
    /// The query the controls describe (what the table shows once loaded).
    ReviewQueueQuery query() const;

    ReviewQueueModel* model() const { return m_model; }
    ReviewQueueTable* table() const { return m_table; }
    ReviewForm* form() const { return m_form; }
    ReviewQueueControls* controls() const { return m_controls; }
    InteractionDetailView* detailView() const { return m_detail; }
    QueueWorkBar* workBar() const { return m_work; }
    /// The cheat sheet (created on first use; null before).
    ShortcutSheet* shortcutSheet() const { return m_sheet; }

protected:
    void applyContext(bool newStore) override;

private:
    void applyControls();
    void updateStatus();
    void showInteraction(const QModelIndex& index);
    void loadDetail(const QUuid& interactionId);
    void saveReview(const RagScope::ReviewDraft& draft);
    void showClaimed(const QUuid& interactionId);
    void undoLastSave();
    void showShortcuts();
    void finishedLoading();

    Filter m_filter;
    ReviewQueueQuery::SortKey m_sort = ReviewQueueQuery::SortKey::CreatedAt;
    bool m_descending = true;
    QUuid m_savingId;
    QUuid m_lastId; ///< the row selected last, selected again after a reload
    bool m_columnsSized = false;

    ReviewQueueModel* m_model;
    LatestJob* m_detailJob;
    LatestJob* m_saveJob;
    TeamReviewTools* m_team = nullptr;
    ShortcutSheet* m_sheet = nullptr;
    ReviewQueueControls* m_controls;
    QueueWorkBar* m_work;
    Panel* m_queuePanel;
    Panel* m_detailPanel;
    Panel* m_formPanel;
    ReviewQueueTable* m_table;
    InteractionDetailView* m_detail;
    ReviewForm* m_form;
};

} // namespace RagScope
