#pragma once

#include "feedback/reviewqueue.h"
#include "metrics/filter.h"
#include "rollup/edgereads.h"
#include "store/store.h"

#include <QWidget>

namespace RagScope {

/// What every page shows: the open store (null: none) and the filter bar's filter, handed over
/// together so that a store switch never loads the new filter on the old store; and the refresh
/// it belongs to, whose raw reads of the window's edges every page loaded for it shares.
struct DashboardContext
{
    StorePtr store;
    Filter filter;
    std::shared_ptr<EdgeReads> reads = nullptr; ///< none: each answer reads its own
    /// The same store and filter (a page showing them needs no new load unless refreshed).
    bool operator==(const DashboardContext& other) const
    {
        return store == other.store && filter == other.filter;
    }
};

/// A page of the dashboard. The main window hands every page a DashboardContext; a page loads its data off
/// the GUI thread (LatestJob) and keeps showing its last data when a load fails, reporting the error through
/// storeError().
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    /// A new store and/or filter: one load (a newer context supersedes and cancels an
    /// unfinished one). A new store (null: closed) first drops the old store's data.
    void setContext(const DashboardContext& context)
    {
        const bool newStore = context.store != m_context.store;
        m_context = context;
        applyContext(newStore);
    }
    const DashboardContext& context() const { return m_context; }
    /// Reload with the current store and filter (Refresh, Retry after a lost connection).
    virtual void reload() = 0;
    /// True while any panel of the page is loading.
    virtual bool isBusy() const = 0;
    /// Extra views the screenshot runner saves as <page>-<view>.png after the page itself.
    virtual QStringList screenshotViews() const { return {}; }
    /// Shows one of screenshotViews() (e.g. selects a tab).
    virtual void showScreenshotView(const QString& view) { Q_UNUSED(view) }

protected:
    /// Load for context() (`newStore`: drop the old store's data first).
    virtual void applyContext(bool newStore) = 0;

signals:
    /// A load or save failed (the banner shows it; the page keeps its last data).
    void storeError(const RagScope::Error& error);
    /// Every panel finished loading (tests and screenshots wait on this).
    void loaded();
    /// Open the Review page with this query (e.g. a bar of the Quality page was clicked).
    void drillDown(const RagScope::ReviewQueueQuery& query);

private:
    DashboardContext m_context;
};

} // namespace RagScope
