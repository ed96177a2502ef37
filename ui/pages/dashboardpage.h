#pragma once

#include "feedback/reviewqueue.h"
#include "metrics/filter.h"
#include "store/store.h"

#include <QWidget>

namespace RagScope {

/// A page of the dashboard. The main window hands every page the open store and the filter
/// bar's filter; a page loads its data off the GUI thread (LatestJob) and keeps showing its
/// last data when a load fails, reporting the error through storeError().
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    /// A new store (null: closed). Pages drop old data and reload.
    virtual void setStore(StorePtr store) = 0;
    /// A new filter; pages reload (a newer filter supersedes an unfinished load).
    virtual void setFilter(const Filter& filter) = 0;
    /// Reload with the current store and filter (Refresh, Retry after a lost connection).
    virtual void reload() = 0;
    /// True while any panel of the page is loading.
    virtual bool isBusy() const = 0;

signals:
    /// A load or save failed (the banner shows it; the page keeps its last data).
    void storeError(const RagScope::Error& error);
    /// Every panel finished loading (tests and screenshots wait on this).
    void loaded();
    /// Open the Review page with this query (e.g. a bar of the Quality page was clicked).
    void drillDown(const RagScope::ReviewQueueQuery& query);
};

} // namespace RagScope
