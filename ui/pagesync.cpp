#include "pagesync.h"

#include "pages/metricspage.h"

namespace RagScope {

void PageSync::sync(DashboardPage* page, const StorePtr& store, const Filter& filter)
{
    const Generation now { m_refresh, m_rollups };
    DashboardContext context { store, filter, m_reads };
    if (!m_reads || !(m_readsContext == context) || !(m_readsGeneration == now)) {
        m_reads = context.reads = std::make_shared<EdgeReads>();
        m_readsContext = context;
        m_readsGeneration = now;
    }
    const auto last = m_states.constFind(page);
    const bool first = last == m_states.cend();
    const bool refreshed = !first
        && (last->generation.refresh != now.refresh
            || (qobject_cast<MetricsPage*>(page) && last->generation.rollups != now.rollups));
    // Store and filter in one call: one load per change, never the new filter on the old store.
    if (first || !(last->context == context) || (refreshed && store))
        page->setContext(context);
    m_states.insert(page, PageState { context, now });
}

} // namespace RagScope
