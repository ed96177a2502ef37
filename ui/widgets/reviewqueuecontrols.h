#pragma once

#include "feedback/reviewqueue.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace RagScope {

/// The bar above the review queue: which kind of interactions, a text search (debounced,
/// Find focuses it), "Not yet reviewed", and the drill-down another page asked for.
class ReviewQueueControls : public QWidget
{
    Q_OBJECT
public:
    static constexpr int SearchDebounceMs = 300;

    explicit ReviewQueueControls(QWidget* parent = nullptr);

    /// Writes kind, search, "not yet reviewed" and the drill-down into `query`.
    void applyTo(ReviewQueueQuery& query) const;
    /// Shows `query`'s kind, search, "not yet reviewed" and drill-down without emitting changed().
    void setQuery(const ReviewQueueQuery& query);
    /// A status text at the end of the bar (e.g. how many rows are loaded).
    void setStatus(const QString& status);

    QComboBox* kindBox() const { return m_kind; }
    QLineEdit* searchField() const { return m_search; }
    QCheckBox* unreviewedBox() const { return m_unreviewed; }

signals:
    /// The user changed what the queue should show (a search only after typing paused).
    void changed();

private:
    void updateDrillDown();
    void emitChanged();

    std::optional<int> m_drillRating;
    std::optional<int> m_drillBucket;
    QString m_drillReviewLabel;
    ReviewQueueQuery::WindowOn m_drillWindowOn = ReviewQueueQuery::WindowOn::Interaction;
    QTimer m_searchDebounce;
    QComboBox* m_kind;
    QLineEdit* m_search;
    QCheckBox* m_unreviewed;
    QLabel* m_drillLabel;
    QToolButton* m_clearDrill;
    QLabel* m_status;
};

} // namespace RagScope
