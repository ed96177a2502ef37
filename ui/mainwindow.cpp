#include "mainwindow.h"
#include "windowsession.h"

#include "afterpageloaded.h"
#include "appearance/thememenu.h"
#include "connectionprofiles.h"
#include "helpmenu.h"
#include "review/reviewexportdialog.h"
#include "rollup/rollupkeeper.h"
#include "snapshot/pushreviewsdialog.h"
#include "snapshot/snapshotexportdialog.h"
#include "snapshot/snapshotnote.h"
#include "startpage.h"
#include "storeopener.h"
#include "storeprompts.h"
#include "storestatustext.h"
#include "widgets/banner.h"
#include "widgets/filterbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace RagScope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_central(new QStackedWidget(this))
    , m_startPage(new StartPage(this))
    , m_filterBar(new FilterBar(this))
    , m_banner(new Banner(this))
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_storeLabel(new QLabel(this))
    , m_accessLabel(new QLabel(this))
    , m_rollupLabel(new QLabel(this))
    , m_opener(new StoreOpener(this))
    , m_rollups(new RollupKeeper(this))
    , m_afterPage(new AfterPageLoaded(this))
{
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setSpacing(fontMetrics().height() / 4);
    m_nav->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);

    auto* dashboard = new QWidget(this);
    auto* body = new QHBoxLayout;
    body->addWidget(m_nav);
    body->addWidget(m_stack, 1);
    auto* layout = new QVBoxLayout(dashboard);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_banner);
    auto* snapshotNote = new SnapshotNote(this); // what an open snapshot holds
    snapshotNote->setObjectName(QStringLiteral("snapshotNote"));
    layout->addWidget(snapshotNote);
    connect(this, &MainWindow::storeOpened, snapshotNote, [this, snapshotNote](const StorePtr& store) {
        snapshotNote->setFilter(m_filterBar->filter());
        snapshotNote->setStore(store);
    });
    connect(m_filterBar, &FilterBar::filterChanged, snapshotNote, &SnapshotNote::setFilter);
    connect(this, &MainWindow::storeClosed, snapshotNote, [snapshotNote] { snapshotNote->setStore({}); });
    layout->addLayout(body, 1);
    m_central->addWidget(m_startPage);
    m_central->addWidget(dashboard);
    setCentralWidget(m_central);

    m_rollupLabel->setObjectName(QStringLiteral("rollupStatus"));
    statusBar()->addPermanentWidget(m_rollupLabel);
    statusBar()->addPermanentWidget(m_accessLabel);
    connect(m_rollups, &RollupKeeper::statusChanged, m_rollupLabel, &QLabel::setText);
    connect(m_rollups, &RollupKeeper::refreshed, this, &MainWindow::rollupsRefreshed);
    connect(m_afterPage, &AfterPageLoaded::ready, this, &MainWindow::startStoreWork);
    statusBar()->addWidget(m_storeLabel, 1);
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    createActions();
    updateStoreStatus();
    m_startPage->setRecentStores(ConnectionProfiles::recentStores());

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_pages.size())
            return;
        m_stack->setCurrentWidget(m_pages.at(row));
        syncPage(m_pages.at(row));
    });
    connect(m_filterBar, &FilterBar::filterChanged, this, [this] {
        if (DashboardPage* page = currentPage())
            syncPage(page);
    });
    connect(m_banner, &Banner::retryRequested, this, &MainWindow::retry);
    connect(m_startPage, &StartPage::openPostgresRequested, this, [this] { askPostgres(); });
    connect(m_startPage, &StartPage::openSnapshotRequested, this, &MainWindow::askSnapshot);
    connect(m_startPage, &StartPage::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_startPage, &StartPage::openRecentRequested, this, &MainWindow::openUrl);
    connect(m_opener, &StoreOpener::opened, this, &MainWindow::setStore);
    connect(m_opener, &StoreOpener::failed, this, &MainWindow::openFailed);
    connect(m_opener, &StoreOpener::progress, m_startPage, &StartPage::setProgress);
    connect(m_opener, &StoreOpener::busyChanged, this, [this](bool busy) {
        m_startPage->setProgress(0, busy ? 0 : -1);
        if (busy)
            statusBar()->showMessage(tr("Opening…"));
        else
            statusBar()->clearMessage();
    });
}

MainWindow::~MainWindow()
{
    m_opener->cancel();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open PostgreSQL…"), this, [this] { askPostgres(); });
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &snapshot…"), this, &MainWindow::askSnapshot);
    file->addAction(tr("Open &demo store"), this, &MainWindow::openDemo);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    QAction* exportSnapshot = file->addAction(tr("&Export snapshot…"), this,
        [this] { SnapshotExportDialog::openFor(m_store, m_filterBar->filter(), this); });
    exportSnapshot->setObjectName(QStringLiteral("exportSnapshotAction"));
    QAction* pushReviews
        = file->addAction(tr("&Push reviews…"), this, [this] { PushReviewsDialog::openFor(m_store, this); });
    pushReviews->setObjectName(QStringLiteral("pushReviewsAction"));
    QAction* exportReviews = file->addAction(
        tr("Export re&views…"), this, [this] { ReviewExportDialog::openFor(m_store, {}, this); });
    exportReviews->setObjectName(QStringLiteral("exportReviewsAction"));
    file->addSeparator();
    QAction* close = file->addAction(tr("&Close store"), this, &MainWindow::closeStore);
    close->setShortcut(QKeySequence::Close);
    for (QAction* needsStore : { exportSnapshot, pushReviews, exportReviews, close }) {
        needsStore->setEnabled(false);
        connect(this, &MainWindow::storeOpened, needsStore, [needsStore] { needsStore->setEnabled(true); });
        connect(this, &MainWindow::storeClosed, needsStore, [needsStore] { needsStore->setEnabled(false); });
    }
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refresh->setShortcut(QKeySequence::Refresh);
    view->addMenu(new ThemeMenu(view));

    menuBar()->addMenu(new HelpMenu(this));
    updateRecentMenu();
}

void MainWindow::addPage(DashboardPage* page)
{
    m_pages << page;
    m_stack->addWidget(page);
    m_nav->addItem(page->title());
    // Wide enough for the longest title at any font size.
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + fontMetrics().averageCharWidth() * 6);
    connect(page, &DashboardPage::storeError, this, [this](const Error& error) {
        if (error.kind == ErrorKind::Cancelled)
            return; // superseded work, not a failure
        m_banner->showMessage(
            tr("The store reported an error; the pages show their last data.\n%1").arg(error.message));
    });
    connect(page, &DashboardPage::drillDown, this, [this](const ReviewQueueQuery& query) {
        if (!m_drillTarget)
            return;
        showPage(m_drillTarget);
        m_showQuery(query);
    });
    if (m_nav->currentRow() < 0)
        m_nav->setCurrentRow(0);
    if (m_pages.size() <= 9) { // Ctrl+1 … Ctrl+9: the pages in list order
        auto* go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + m_pages.size() - 1)));
        connect(go, &QAction::triggered, this, [this, page] { showPage(page); });
        addAction(go);
    }
}

void MainWindow::setPageBadge(DashboardPage* page, int count)
{
    const qsizetype row = m_pages.indexOf(page);
    if (row < 0)
        return;
    QListWidgetItem* item = m_nav->item(int(row));
    item->setText(count > 0 ? tr("%1 (%2)").arg(page->title()).arg(count) : page->title());
    item->setToolTip(count > 0 ? tr("%n alert(s) firing", nullptr, count) : QString());
}

void MainWindow::setDrillDownTarget(
    DashboardPage* page, std::function<void(const ReviewQueueQuery&)> showQuery)
{
    m_drillTarget = page;
    m_showQuery = std::move(showQuery);
}

DashboardPage* MainWindow::currentPage() const
{
    return qobject_cast<DashboardPage*>(m_stack->currentWidget());
}

void MainWindow::showPage(DashboardPage* page)
{
    m_nav->setCurrentRow(int(m_pages.indexOf(page)));
}

void MainWindow::syncPage(DashboardPage* page)
{
    m_sync.sync(page, m_store, m_filterBar->filter());
}

void MainWindow::refresh()
{
    m_sync.refresh();
    if (!m_filterBar->updateWindow() && currentPage())
        syncPage(currentPage());
}

void MainWindow::retry()
{
    m_banner->hide();
    m_sync.refresh();
    if (DashboardPage* page = currentPage())
        syncPage(page);
}

void MainWindow::rollupsRefreshed()
{
    // Rows that came or changed since the last refresh are in the rollups now: the metric pages
    // read them again (the one on screen now, the others when shown).
    m_sync.rollupsRefreshed();
    if (DashboardPage* page = currentPage())
        syncPage(page);
}

void MainWindow::closeStore()
{
    m_opener->cancel();
    if (!m_store)
        return;
    m_store.reset();
    m_afterPage->cancel();
    m_filterBar->setStore(nullptr);
    m_rollups->setStore(nullptr);
    m_banner->hide();
    for (DashboardPage* page : std::as_const(m_pages)) {
        if (m_sync.synced(page))
            syncPage(page); // a context without a store: the page drops its data and the store
    }
    m_startPage->setStatus(QString());
    m_central->setCurrentWidget(m_startPage);
    updateStoreStatus();
    emit storeClosed();
}

void MainWindow::saveSession() const
{
    WindowSession::save(*this, m_pages, currentPage());
}

void MainWindow::restoreSession()
{
    WindowSession::restore(*this, m_pages, [this](DashboardPage* page) { showPage(page); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSession();
    QMainWindow::closeEvent(event);
}

void MainWindow::openLocation(const StoreLocation& location)
{
    m_startPage->setStatus(tr("Opening %1…").arg(location.displayName()));
    m_opener->open(location);
}

void MainWindow::openUrl(const QString& url)
{
    const auto location = StoreLocation::parse(url);
    if (location.ok())
        openLocation(location.value());
    else
        openFailed(location.error(), StoreLocation {});
}

void MainWindow::openDemo()
{
    m_startPage->setStatus(tr("Preparing the demo store (the first time takes a moment)…"));
    m_opener->openDemo();
}

void MainWindow::openLastOrShowStart()
{
    const QStringList recent = ConnectionProfiles::recentStores();
    if (recent.isEmpty())
        m_central->setCurrentWidget(m_startPage);
    else
        openUrl(recent.first());
}

void MainWindow::setStore(const StorePtr& store)
{
    m_store = store;
    ConnectionProfiles::addRecentStore(store->location());
    updateRecentMenu();
    m_startPage->setRecentStores(ConnectionProfiles::recentStores());
    m_startPage->setStatus(QString());
    m_banner->hide();
    m_filterBar->setStore(nullptr); // the old store's choices go; the new ones come after the page
    m_rollups->setStore(nullptr);
    m_central->setCurrentIndex(1);
    updateStoreStatus();
    if (DashboardPage* page = currentPage())
        syncPage(page);
    emit storeOpened(store);
    // The page on screen has the few database threads to itself until its figures are in: the
    // filter bar's choices and the rollup refresh (which moves the figures only a little, and
    // reloads them when it does) follow. storeReady() follows storeOpened().
    m_afterPage->wait(currentPage());
}

void MainWindow::startStoreWork()
{
    if (!m_store)
        return;
    m_filterBar->setStore(m_store);
    m_rollups->setStore(m_store);
    emit storeReady(m_store);
}

void MainWindow::openFailed(const Error& error, const StoreLocation& location)
{
    const QString message = tr("Could not open the store: %1").arg(error.message);
    if (m_store)
        m_banner->showMessage(message, false); // the open store and its pages stay as they were
    else
        m_central->setCurrentWidget(m_startPage);
    m_startPage->setStatus(message);
    emit storeOpenFailed(error);
    if (error.kind == ErrorKind::EmptyStore)
        StorePrompts::askCreateSchema(this, location, [this, location] { m_opener->open(location, true); });
    if (error.kind == ErrorKind::AuthFailed && location.dialect == Dialect::Postgres && isVisible())
        askPostgres(location, message);
}

void MainWindow::askPostgres(const StoreLocation& prefill, const QString& message)
{
    if (const auto location = StorePrompts::askPostgres(this, prefill, message))
        openLocation(*location);
}

void MainWindow::askSnapshot()
{
    if (const auto location = StorePrompts::askSnapshot(this))
        openLocation(*location);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = ConnectionProfiles::recentStores();
    for (const QString& url : recent)
        m_recentMenu->addAction(url, this, [this, url] { openUrl(url); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString MainWindow::storeStatus() const
{
    return m_storeLabel->text() + QLatin1Char(' ') + m_accessLabel->text();
}

void MainWindow::updateStoreStatus()
{
    const StoreStatusText text = StoreStatusText::of(m_store);
    setWindowTitle(text.windowTitle);
    m_storeLabel->setText(text.store);
    m_accessLabel->setText(text.access);
}

} // namespace RagScope
