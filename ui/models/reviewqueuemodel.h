#pragma once

#include "base/error.h"
#include "feedback/reviewqueue.h"
#include "pagecache.h"

#include <QAbstractTableModel>

class QTimer;

namespace RagScope {

class LatestJob;

/// The review queue as a table that pages itself in and holds only the pages in use: the
/// first page loads when the query is set, each fetchMore() reads the next keyset page on a
/// worker and appends it, so rowCount() grows page by page. Row data stays only for the most
/// recently used pages (at most cacheLimit() rows); a row whose page was dropped shows empty
/// until its page has been read again on the worker, by keyset between the page's own first
/// and last rows: rows that entered the queue before, between or after pages meanwhile never
/// shift or repeat rows (they show after a refresh). Only a change inside a dropped page's own
/// range shows in that page when it comes back: an inserted row takes its place and pushes
/// the page's last row out of view, a deleted one leaves an empty row at the page's end.
/// A new query resets the model and supersedes pages still in flight.
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
    static constexpr int DefaultCacheLimit = 2000; ///< rows: ten pages, far more than a screen

    explicit ReviewQueueModel(QObject* parent = nullptr);

    /// Resets to the first page of `query` on `store` (null store: empty). The same query on
    /// the same store refreshes instead: the rows shown stay until the new first page arrives.
    void setQuery(StorePtr store, const ReviewQueueQuery& query);
    const ReviewQueueQuery& query() const { return m_query; }
    /// Empties the model and loads the current query from its first page.
    void reload();
    /// Loads the first page again and replaces the rows when it arrives (kept if it fails).
    void refresh();
    /// Rows per page from the next reload() on.
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    /// At most this many rows are held (never fewer than three pages: the ones on screen and
    /// one arriving).
    void setCacheLimit(int rows);
    int cacheLimit() const { return m_cache.limit(); }
    /// Rows whose data is held now.
    int heldRows() const { return m_cache.rows(); }
    bool isHeld(int row) const;

    /// True while a page is in flight (the next one, or a dropped one read again).
    bool isLoading() const { return m_loading; }
    /// True once the last page has arrived.
    bool isComplete() const { return m_complete; }
    /// The row's data; an empty summary (null id) while its page is not held.
    InteractionSummary summary(int row) const;
    /// The row of `id` among the held rows, -1 if it is not held.
    int rowOf(const QUuid& id) const;
    /// Shows a just-saved review in its row if held (a page read later has it from the store).
    void applyReview(const RagScope::Review& review);
    /// The row of `interactionId` has no review in force any more (its last one was undone).
    void clearReview(const QUuid& interactionId);

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
    /// A page arrived (`rows` of them): appended at the end (the last page may be short or
    /// empty), or a dropped page read again (then dataChanged() covers its rows).
    void pageLoaded(int rows);
    /// A page could not be loaded; the rows already shown stay.
    void loadFailed(const RagScope::Error& error);

private:
    /// Cursors of a page's first and last rows: its keyset range, to read it again.
    struct PageKeys
    {
        QString first;
        QString last;
    };

    void clearPages();
    void loadPage(bool replace);
    void addPage(const QueueSlice& slice);
    void readWantedPage();
    void updateLoading();
    void failed(const RagScope::Error& error);
    int rowsInPage(int page) const;
    /// The held row, or null (then `missing` tells whether its page must be read again).
    const InteractionSummary* heldRow(int row, bool* missing = nullptr) const;
    void want(int page) const;
    QVariant display(const InteractionSummary& row, int column) const;

    LatestJob* m_job; ///< the next page at the end, or the first one again (refresh)
    LatestJob* m_readJob; ///< one dropped page read again
    QTimer* m_readTimer; ///< reads wanted pages once the view has asked for all it shows
    StorePtr m_store;
    ReviewQueueQuery m_query;
    PageCache<InteractionSummary> m_cache { DefaultCacheLimit };
    QList<PageKeys> m_keys; ///< every page read so far, in order
    mutable QList<int> m_wanted; ///< dropped pages asked for, most recent last
    int m_reading = -1; ///< the page being read again
    int m_rowCount = 0;
    int m_pageSize = DefaultPageSize;
    int m_cacheLimit = DefaultCacheLimit; ///< as asked; the cache holds at least three pages
    int m_rowsPerPage = DefaultPageSize; ///< of the pages held now (all but the last are full)
    bool m_complete = true;
    bool m_failed = false;
    bool m_loading = false;
};

} // namespace RagScope
