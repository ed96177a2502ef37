#pragma once

#include "pages/dashboardpage.h"
#include "pagesync.h"

#include <QHash>
#include <QMainWindow>

#include <functional>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace RagScope {

class AfterPageLoaded;
class Banner;
class FilterBar;
class StartPage;
class RollupKeeper;
class StoreOpener;

/// The dashboard window: page list, one filter bar for all pages, a banner for store errors,
/// a status bar naming the open store. Pages load lazily: only the page on screen follows
/// store and filter changes; the others catch up when shown.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void addPage(DashboardPage* page);
    /// A count after the page's title in the page list ("Alerts (2)"); 0 shows the title alone.
    void setPageBadge(DashboardPage* page, int count);
    /// Where drillDown() of any page goes: that page is shown and given the query.
    void setDrillDownTarget(DashboardPage* page, std::function<void(const ReviewQueueQuery&)> showQuery);

    /// Opens a store off the GUI thread; failures show on the start page or the banner.
    void openLocation(const StoreLocation& location);
    void openUrl(const QString& url);
    void openDemo();
    /// The last store opened, or the start page if there is none.
    void openLastOrShowStart();

    StorePtr store() const { return m_store; }
    QList<DashboardPage*> pages() const { return m_pages; }
    DashboardPage* currentPage() const;
    void showPage(DashboardPage* page);
    Banner* banner() const { return m_banner; }
    FilterBar* filterBar() const { return m_filterBar; }
    StartPage* startPage() const { return m_startPage; }
    QString storeStatus() const;

    /// Refresh: moves a preset window to now and reloads what is on screen.
    void refresh();
    /// Retry after a store error: reloads the page on screen (the others when shown).
    void retry();
    /// File → Close store: every page lets go of the store (its connections close), the start page shows.
    void closeStore();
    /// Geometry, window state, the pages' splitters and the page on screen as the last session left
    /// them (QSettings "window/…", saved on close).
    void restoreSession();

signals:
    void storeOpened(const RagScope::StorePtr& store);
    /// The page on screen has loaded from the store just opened (or is taking long): work it does
    /// not need (filter choices, rollup refresh, alert checks) may use the database threads now.
    void storeReady(const RagScope::StorePtr& store);
    void storeOpenFailed(const RagScope::Error& error);
    void storeClosed();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void syncPage(DashboardPage* page);
    void setStore(const StorePtr& store);
    void startStoreWork();
    void rollupsRefreshed();
    void openFailed(const Error& error, const StoreLocation& location);
    void askPostgres(const StoreLocation& prefill = {}, const QString& message = {});
    void askSnapshot();
    void updateRecentMenu();
    void updateStoreStatus();
    void saveSession() const;

    QStackedWidget* m_central;
    StartPage* m_startPage;
    FilterBar* m_filterBar;
    Banner* m_banner;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QLabel* m_storeLabel;
    QLabel* m_accessLabel;
    QLabel* m_rollupLabel; ///< which way the dashboard answers (RollupKeeper)
    QMenu* m_recentMenu = nullptr;
    StoreOpener* m_opener;
    RollupKeeper* m_rollups; ///< refreshes the open store's rollups on open and on a timer
    AfterPageLoaded* m_afterPage; ///< the store's own work waits for the page on screen
    StorePtr m_store;
    QList<DashboardPage*> m_pages;
    PageSync m_sync; ///< which page loads when, with the refresh's shared reads
    DashboardPage* m_drillTarget = nullptr;
    std::function<void(const ReviewQueueQuery&)> m_showQuery;
};

} // namespace RagScope
