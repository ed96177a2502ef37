#pragma once

#include "feedback/reviewqueue.h"
#include "base/error.h"

#include <QAbstractTableModel>

namespace RagScope {

class LatestJob;

/// The review queue as a table that pages itself in: the first page loads when the query is
/// set, each fetchMore() loads the next keyset page on a worker and appends it. A new query
/// resets the model and supersedes pages still in flight; rows are never loaded all at once.
class ReviewQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { Time, User, Model, Confidence, UserRating, Latency, Cost, Review, Query, ColumnCount };
    enum Roles {
        IdRole = Qt::UserRole, ///< QUuid of the interaction
        SummaryRole, ///< the whole InteractionSummary
    };
    static constexpr int DefaultPageSize = 200;

    explicit ReviewQueueModel(QObject* parent = nullptr);

    /// Resets to the first page of `query` on `store` (null store: empty). The same query on
    /// the same store refreshes instead: the rows shown stay until the new first page arrives.
    void setQuery(StorePtr store, const ReviewQueueQuery& query);
    const ReviewQueueQuery& query() const { return m_query; }
    /// Empties the model and loads the current query from its first page.
    void reload();
    /// Loads the first page again and replaces the rows when it arrives (kept if it fails).
    void refresh();
    void setPageSize(int rows) { m_pageSize = rows; }

    bool isLoading() const;
    /// True once the last page has arrived.
    bool isComplete() const { return m_complete; }
    InteractionSummary summary(int row) const { return m_rows.at(row); }
    int rowOf(const QUuid& id) const;
    /// Shows a just-saved review in its row (it is now the newest one).
    void applyReview(const RagScope::Review& review);

    /// The SQL sort a column maps to; none for columns the queue cannot sort by.
    static std::optional<ReviewQueueQuery::SortKey> sortKeyForColumn(int column);
    static int columnForSortKey(ReviewQueueQuery::SortKey key);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    /// A page arrived (`rows` of them; the last page may be short or empty).
    void pageLoaded(int rows);
    /// A page could not be loaded; the rows already shown stay.
    void loadFailed(const RagScope::Error& error);

private:
    void loadPage(bool replace);
    QVariant display(const InteractionSummary& row, int column) const;

    LatestJob* m_job;
    StorePtr m_store;
    ReviewQueueQuery m_query;
    QList<InteractionSummary> m_rows;
    QString m_cursor;
    int m_pageSize = DefaultPageSize;
    bool m_complete = true;
    bool m_failed = false;
};

} // namespace RagScope
