#include "connectionprofiles.h"
#include "guitest.h"
#include "jobs/latestjob.h"
#include "mainwindow.h"
#include "pages/costpage.h"
#include "pages/latencypage.h"
#include "pages/overviewpage.h"
#include "pages/qualitypage.h"
#include "pages/reviewpage.h"
#include "privateserver.h"
#include "recorder/interactionrecorder.h"
#include "rollup/rollupkeeper.h"
#include "startpage.h"
#include "store/pgconnectoptions.h"
#include "testdatabase.h"
#include "widgets/banner.h"
#include "widgets/filterbar.h"
#include "widgets/kpicard.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

namespace {

// A page that only counts what the window asks of it.
class FakePage : public DashboardPage
{
public:
    using DashboardPage::DashboardPage;
    QString title() const override { return QStringLiteral("Fake"); }
    void applyContext(bool) override
    {
        if (context().store) {
            ++loads;
            reads << context().reads.get();
        }
    }
    void reload() override { ++loads; }
    bool isBusy() const override { return false; }
    int loads = 0;
    QList<const EdgeReads*> reads; ///< each load's

    std::optional<ReviewQueueQuery> shown;
};

// Runs SQL on a connection of its own, as another client of the store would.
void runSql(const QString& url, const QString& sql)
{
    const auto location = StoreLocation::parse(url);
    QVERIFY(location.ok());
    const QString name = QStringLiteral("tst_mainwindow-side");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            location->dialect == Dialect::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
            name);
        if (location->dialect == Dialect::Postgres)
            QVERIFY(configurePostgresConnection(db, *location).ok());
        else
            db.setDatabaseName(location->sqlitePath);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
}

// The tables a side connection sees (only RagScope's and the test's own names).
QStringList tableNames(const QString& url)
{
    const auto location = StoreLocation::parse(url);
    const bool pg = location->dialect == Dialect::Postgres;
    const QString name = QStringLiteral("tst_mainwindow-tables");
    QStringList names;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        if (pg) {
            configurePostgresConnection(db, *location);
        } else {
            db.setDatabaseName(location->sqlitePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        }
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(pg
                    ? QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                    : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"));
            while (query.next())
                names << query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return names;
}

// A database that exists and holds nothing: an empty PostgreSQL database or a 0-byte file.
void makeEmpty(const Test::TestDatabase& db)
{
    if (db.dialect() == Dialect::Sqlite) {
        QFile f(StoreLocation::parse(db.url())->sqlitePath);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
}

// A shown window with the Overview page, opened on a store and loaded once.
struct OverviewWindow
{
    explicit OverviewWindow(const QString& url)
        : overview(new OverviewPage)
        , loaded(overview, &DashboardPage::loaded)
        , errors(overview, &DashboardPage::storeError)
    {
        window.addPage(overview);
        window.show();
        QSignalSpy opened(&window, &MainWindow::storeOpened);
        window.openUrl(url);
        ready = opened.wait(20000) && loaded.wait(20000);
    }
    MainWindow window;
    OverviewPage* overview;
    QSignalSpy loaded;
    QSignalSpy errors;
    bool ready = false;
};

void recordRecentRequests(const StorePtr& store, int count)
{
    InteractionRecorder recorder(store);
    for (int i = 0; i < count; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("alice");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        r.model = QStringLiteral("gemini-1.5-pro");
        r.totalLatencyMs = 100 + i;
        r.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * (i + 1));
        QVERIFY(recorder.record(r).ok());
    }
}

// How often each background job inside `page` (its panels' and its models') was started.
QHash<const LatestJob*, quint64> jobStarts(const QWidget* page)
{
    QHash<const LatestJob*, quint64> starts;
    for (const LatestJob* job : page->findChildren<LatestJob*>())
        starts.insert(job, job->generation());
    return starts;
}

// Shows every page in turn and waits until it has loaded; returns the job starts per page.
QList<QHash<const LatestJob*, quint64>> visitPages(MainWindow& window)
{
    QList<QHash<const LatestJob*, quint64>> starts;
    for (DashboardPage* page : window.pages()) {
        window.showPage(page);
        if (!QTest::qWaitFor([page] { return !page->isBusy(); }, 20000))
            qWarning("%s did not finish loading", qPrintable(page->title()));
        starts << jobStarts(page);
    }
    return starts;
}

// Every page started each of its jobs at most once between `before` and `after`, and at least one;
// the first page (on screen at the switch) `firstExtra` times more (rollup refreshes that moved).
QString loadedOnce(const MainWindow& window, const QList<QHash<const LatestJob*, quint64>>& before,
    const QList<QHash<const LatestJob*, quint64>>& after, quint64 firstExtra = 0)
{
    for (qsizetype i = 0; i < after.size(); ++i) {
        quint64 total = 0;
        for (auto it = after[i].cbegin(); it != after[i].cend(); ++it) {
            const quint64 delta = it.value() - before[i].value(it.key());
            if (delta > 1 + (i == 0 ? firstExtra : 0))
                return QStringLiteral("%1: a job started %2 times")
                    .arg(window.pages()[i]->title())
                    .arg(delta);
            total += delta;
        }
        if (total == 0)
            return QStringLiteral("%1: nothing loaded").arg(window.pages()[i]->title());
    }
    return {};
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void titleAndStatusNameTheStoreWithoutPassword();
    void failedOpenWithoutStoreShowsTheStartPage();
    void failedOpenKeepsTheOpenStore();
    void anotherApplicationsStoreIsRefusedUntouched();
    void emptyStoreIsCreatedOnlyWhenTheUserAgrees();
    void onlyThePageOnScreenLoads();
    void eachPageLoadsOncePerStoreSwitchAndFilterChange();
    void drillDownShowsTheTargetPageWithTheQuery();
    void lostStoreShowsBannerKeepsDataAndRetryRecovers();
    void serverStoppedAndStartedWhileOpenRecoversOnRetry();

private:
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::titleAndStatusNameTheStoreWithoutPassword()
{
    Test::TestDatabase db;
    db.open();
    MainWindow window;
    QSignalSpy opened(&window, &MainWindow::storeOpened);
    window.openUrl(db.url());
    QVERIFY(opened.wait(20000));
    const QString name = window.store()->location().displayName();
    QVERIFY(window.windowTitle().contains(name));
    QVERIFY(window.storeStatus().contains(name));
    QVERIFY(window.storeStatus().contains(QStringLiteral("Read-write")));
    const QString password = StoreLocation::parse(db.url())->password;
    if (!password.isEmpty()) {
        QVERIFY(!window.windowTitle().contains(password));
        QVERIFY(!window.storeStatus().contains(password));
        QSettings().sync();
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains(password.toUtf8()));
    }
    QCOMPARE(ConnectionProfiles::recentStores().value(0), window.store()->location().urlWithoutPassword());
}

void TestMainWindow::failedOpenWithoutStoreShowsTheStartPage()
{
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::storeOpenFailed);
    window.openUrl(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("missing.sqlite")));
    QVERIFY(failed.wait(20000));
    QVERIFY(!window.store());
    QVERIFY(window.startPage()->isVisibleTo(&window));
    QVERIFY(window.startPage()->status().contains(QStringLiteral("missing.sqlite")));
}

void TestMainWindow::failedOpenKeepsTheOpenStore()
{
    Test::TestDatabase db;
    db.open();
    MainWindow window;
    QSignalSpy opened(&window, &MainWindow::storeOpened);
    QSignalSpy failed(&window, &MainWindow::storeOpenFailed);
    window.openUrl(db.url());
    QVERIFY(opened.wait(20000));
    const StorePtr store = window.store();
    window.openUrl(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("missing.sqlite")));
    QVERIFY(failed.wait(20000));
    QCOMPARE(window.store(), store);
    QVERIFY(!window.banner()->isHidden());
    QVERIFY(window.banner()->message().contains(QStringLiteral("missing.sqlite")));
    QVERIFY(window.banner()->retryButton()->isHidden());
    QVERIFY(!window.startPage()->isVisibleTo(&window));
}

void TestMainWindow::anotherApplicationsStoreIsRefusedUntouched()
{
    Test::TestDatabase db;
    runSql(db.url(), QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::storeOpenFailed);
    window.openUrl(db.url());
    QVERIFY(failed.wait(20000));
    QCOMPARE(failed.first().first().value<Error>().kind, ErrorKind::MissingSchema);
    QCOMPARE(tableNames(db.url()), QStringList { QStringLiteral("notes") });
    QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("createSchemaQuestion")));
}

void TestMainWindow::emptyStoreIsCreatedOnlyWhenTheUserAgrees()
{
    Test::TestDatabase db;
    makeEmpty(db);
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::storeOpenFailed);
    QSignalSpy opened(&window, &MainWindow::storeOpened);

    window.openUrl(db.url());
    QVERIFY(failed.wait(20000));
    QCOMPARE(failed.first().first().value<Error>().kind, ErrorKind::EmptyStore);
    auto* question = window.findChild<QMessageBox*>(QStringLiteral("createSchemaQuestion"));
    QVERIFY(question);
    question->button(QMessageBox::No)->click();
    QTest::qWait(200);
    QVERIFY(opened.isEmpty());
    QCOMPARE(tableNames(db.url()), QStringList {});

    window.openUrl(db.url());
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox*>(QStringLiteral("createSchemaQuestion")), 20000);
    window.findChild<QMessageBox*>(QStringLiteral("createSchemaQuestion"))->button(QMessageBox::Yes)->click();
    QVERIFY(opened.wait(20000));
    QVERIFY(tableNames(db.url()).contains(QStringLiteral("chat_interactions")));
}

void TestMainWindow::onlyThePageOnScreenLoads()
{
    Test::TestDatabase db;
    db.open();
    MainWindow window;
    auto* first = new FakePage;
    auto* second = new FakePage;
    window.addPage(first);
    window.addPage(second);
    QSignalSpy opened(&window, &MainWindow::storeOpened);
    window.openUrl(db.url());
    QVERIFY(opened.wait(20000));
    QCOMPARE(first->loads, 1);
    QCOMPARE(second->loads, 0);
    window.showPage(second);
    QCOMPARE(second->loads, 1);
    QVERIFY(first->reads.value(0));
    QCOMPARE(second->reads.value(0), first->reads.value(0)); // one refresh: its edges read once
    window.showPage(first);
    QCOMPARE(first->loads, 1); // nothing changed meanwhile: no reload
    window.refresh();
    QCOMPARE(first->loads, 2);
    QCOMPARE(second->loads, 1);
    QVERIFY(first->reads.value(1) != first->reads.value(0)); // a refresh reads them afresh
    window.showPage(second);
    QCOMPARE(second->reads.value(1), first->reads.value(1));
}

void TestMainWindow::eachPageLoadsOncePerStoreSwitchAndFilterChange()
{
    Test::TestDatabase first;
    Test::TestDatabase second;
    recordRecentRequests(first.open(), 2);
    recordRecentRequests(second.open(), 3);
    MainWindow window;
    for (DashboardPage* page : QList<DashboardPage*> {
             new OverviewPage, new CostPage, new LatencyPage, new QualityPage, new ReviewPage })
        window.addPage(page);
    window.resize(1280, 900);
    window.show();
    QSignalSpy opened(&window, &MainWindow::storeOpened);
    window.openUrl(first.url());
    QVERIFY(opened.wait(20000));
    const auto onFirst = visitPages(window);

    // A new store: each page loads once, on the new store only (not first with the old one). The
    // rollup refresh follows the page on screen; rolling up the new store's rows reloads that page.
    auto* keeper = window.findChild<RollupKeeper*>();
    QVERIFY(keeper);
    QSignalSpy refreshed(keeper, &RollupKeeper::refreshed);
    window.openUrl(second.url());
    QVERIFY(opened.wait(20000));
    QVERIFY(keeper->status().isEmpty()); // not before the page's own figures
    QTRY_VERIFY_WITH_TIMEOUT(keeper->status().startsWith(RollupKeeper::tr("Rollups to").left(10)), 20000);
    QCOMPARE(refreshed.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!window.currentPage()->isBusy(), 20000);
    const auto onSecond = visitPages(window);
    const QString switched = loadedOnce(window, onFirst, onSecond, quint64(refreshed.size()));
    QVERIFY2(switched.isEmpty(), qPrintable(switched));
    auto* overview = qobject_cast<OverviewPage*>(window.pages().constFirst());
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("3"));

    // A new filter: each page loads once more.
    window.filterBar()->setPreset(window.filterBar()->preset() == FilterBar::Preset::Last30Days
            ? FilterBar::Preset::Last90Days
            : FilterBar::Preset::Last30Days);
    const auto filtered = visitPages(window);
    const QString changed = loadedOnce(window, onSecond, filtered);
    QVERIFY2(changed.isEmpty(), qPrintable(changed));
}

void TestMainWindow::drillDownShowsTheTargetPageWithTheQuery()
{
    MainWindow window;
    auto* source = new FakePage;
    auto* target = new FakePage;
    window.addPage(source);
    window.addPage(target);
    window.setDrillDownTarget(target, [target](const ReviewQueueQuery& query) { target->shown = query; });
    ReviewQueueQuery query;
    query.kind = ReviewQueueQuery::Kind::LowRated;
    query.userRating = 1;
    emit source->drillDown(query);
    QCOMPARE(window.currentPage(), target);
    QVERIFY(target->shown.has_value());
    QCOMPARE(*target->shown, query);
}

void TestMainWindow::lostStoreShowsBannerKeepsDataAndRetryRecovers()
{
    Test::TestDatabase db;
    recordRecentRequests(db.open(), 3);
    OverviewWindow shown(db.url());
    QVERIFY(shown.ready);
    MainWindow& window = shown.window;
    OverviewPage* overview = shown.overview;
    QSignalSpy& loaded = shown.loaded;
    QSignalSpy& errors = shown.errors;
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("3"));

    const auto location = StoreLocation::parse(db.url()).value();
    // The store goes away: PostgreSQL stops accepting connections to it and drops the open
    // ones (reads would otherwise reconnect transparently); SQLite loses its table.
    if (db.dialect() == Dialect::Postgres) {
        runSql(Test::TestDatabase::serverUrl(),
            QStringLiteral("ALTER DATABASE %1 WITH ALLOW_CONNECTIONS false").arg(location.database));
        runSql(Test::TestDatabase::serverUrl(),
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'")
                .arg(location.database));
    } else {
        runSql(db.url(), QStringLiteral("ALTER TABLE chat_interactions RENAME TO chat_interactions_away"));
    }
    window.refresh();
    QVERIFY(errors.wait(20000));
    QVERIFY(!window.banner()->isHidden());
    QVERIFY(!window.banner()->message().isEmpty());
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("3")); // last data stays

    // It comes back: one Retry reloads.
    if (db.dialect() == Dialect::Postgres)
        runSql(Test::TestDatabase::serverUrl(),
            QStringLiteral("ALTER DATABASE %1 WITH ALLOW_CONNECTIONS true").arg(location.database));
    else
        runSql(db.url(), QStringLiteral("ALTER TABLE chat_interactions_away RENAME TO chat_interactions"));
    loaded.clear();
    errors.clear();
    QVERIFY(!window.banner()->retryButton()->isHidden());
    QTest::mouseClick(window.banner()->retryButton(), Qt::LeftButton);
    QVERIFY(window.banner()->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !errors.isEmpty(), 20000);
    QVERIFY2(errors.isEmpty(), "Retry after the store came back must succeed");
    QVERIFY(window.banner()->isHidden());
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("3"));
}

// The fault drill with a real server of the test's own (in both dialect runs: SQLite has no
// server to stop): it stops while the window is open, so connections drop and new ones are
// refused; the banner shows over the last data; it starts again and one Retry recovers.
void TestMainWindow::serverStoppedAndStartedWhileOpenRecoversOnRetry()
{
    Test::PrivateServer server;
    Store::OpenOptions create;
    create.createSchema = true;
    const auto made = Store::open(server.url(), create);
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    recordRecentRequests(made.value(), 4);
    OverviewWindow shown(server.url());
    QVERIFY(shown.ready);
    MainWindow& window = shown.window;
    OverviewPage* overview = shown.overview;
    QSignalSpy& loaded = shown.loaded;
    QSignalSpy& errors = shown.errors;
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("4"));

    server.pause();
    window.refresh();
    QVERIFY(errors.wait(20000));
    QVERIFY(!window.banner()->isHidden());
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("4"));

    server.resume();
    loaded.clear();
    QTest::mouseClick(window.banner()->retryButton(), Qt::LeftButton);
    QVERIFY(loaded.wait(20000));
    QVERIFY(window.banner()->isHidden());
    QCOMPARE(overview->card(OverviewPage::Requests)->value(), QStringLiteral("4"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
