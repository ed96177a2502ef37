#pragma once

#include "pages/dashboardpage.h"

#include <QHash>

namespace RagScope {

/// When each dashboard page loads (MainWindow shows one page at a time and syncs only that one):
/// a page loads when it is synced and its store or filter changed since it last loaded, or a
/// refresh came, or (a metric page) the rollups it answered from were refreshed. The pages
/// loaded for one refresh share the raw reads of the window's edges (EdgeReads): a page shown
/// later in the same refresh does not read the open hour again. The reads are renewed whenever
/// the store, the filter, the refresh or the rollups change.
class PageSync
{
public:
    /// Loads `page` for `store` and `filter` if anything changed since its last load.
    void sync(DashboardPage* page, const StorePtr& store, const Filter& filter);
    /// Refresh or retry: every page loads again when next synced.
    void refresh() { ++m_refresh; }
    /// The rollups moved: every metric page loads again when next synced; the Review page reads
    /// no rollups and keeps its place.
    void rollupsRefreshed() { ++m_rollups; }
    /// Whether `page` has been synced at least once.
    bool synced(DashboardPage* page) const { return m_states.contains(page); }

private:
    /// What a load belongs to: the refresh and the rollups generation.
    struct Generation
    {
        quint64 refresh = 0;
        quint64 rollups = 0;
        bool operator==(const Generation&) const = default;
    };
    struct PageState
    {
        DashboardContext context;
        Generation generation;
    };

    QHash<DashboardPage*, PageState> m_states;
    quint64 m_refresh = 0;
    quint64 m_rollups = 0;
    /// The reads of the current store, filter and generation, and what they were made for.
    std::shared_ptr<EdgeReads> m_reads;
    DashboardContext m_readsContext;
    Generation m_readsGeneration;
};

} // namespace RagScope
