#include "connectionprofiles.h"
#include "guitest.h"
#include "mainwindow.h"
#include "pages/overviewpage.h"
#include "recorder/interactionrecorder.h"
#include "startpage.h"
#include "store/pgconnectoptions.h"
#include "testdatabase.h"
#include "widgets/banner.h"
#include "widgets/kpicard.h"

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
    void setStore(StorePtr store) override
    {
        m_store = std::move(store);
        loads += m_store ? 1 : 0;
    }
    void setFilter(const Filter&) override { loads += m_store ? 1 : 0; }
    void reload() override { ++loads; }
    bool isBusy() const override { return false; }
    int loads = 0;
    std::optional<ReviewQueueQuery> shown;

private:
    StorePtr m_store;
};

// Runs SQL on a connection of its own, as another client of the store would.
void runSql(const QString& url, const QString& sql)
{
    const auto location = StoreLocation::parse(url);
    QVERIFY(location.ok());
    const QString name = QStringLiteral("tst_mainwindow-side");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            location->dialect == Dialect::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
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
    void onlyThePageOnScreenLoads();
    void drillDownShowsTheTargetPageWithTheQuery();
    void lostStoreShowsBannerKeepsDataAndRetryRecovers();

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
    window.showPage(first);
    QCOMPARE(first->loads, 1); // nothing changed meanwhile: no reload
    window.refresh();
    QCOMPARE(first->loads, 2);
    QCOMPARE(second->loads, 1);
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
    MainWindow window;
    auto* overview = new OverviewPage;
    window.addPage(overview);
    window.show();
    QSignalSpy opened(&window, &MainWindow::storeOpened);
    QSignalSpy loaded(overview, &DashboardPage::loaded);
    QSignalSpy errors(overview, &DashboardPage::storeError);
    window.openUrl(db.url());
    QVERIFY(opened.wait(20000));
    QVERIFY(loaded.wait(20000));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
