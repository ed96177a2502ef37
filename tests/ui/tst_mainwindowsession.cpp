// The main window's session and shortcuts: geometry, splitters and the page on screen come back
// in the next session; Ctrl+1…N switch pages; Help → About Qt; File → Close store lets go of the
// store and shows the start page.
#include "guitest.h"
#include "mainwindow.h"
#include "pages/costpage.h"
#include "pages/overviewpage.h"
#include "pages/reviewpage.h"
#include "startpage.h"
#include "testdatabase.h"

#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

namespace {

void addPages(MainWindow& window)
{
    window.addPage(new OverviewPage);
    window.addPage(new CostPage);
    window.addPage(new ReviewPage);
}

QAction* menuAction(MainWindow& window, const QString& text)
{
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text() == text)
                return action;
    return nullptr;
}

} // namespace

class TestMainWindowSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-session"));
    }

    void init() { QSettings().clear(); }

    void nextSessionRestoresGeometryPageAndSplitters()
    {
        QList<int> sizes;
        {
            MainWindow window;
            addPages(window);
            window.resize(1100, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.showPage(window.pages().at(2));
            auto* splitter = window.pages().at(2)->findChild<QSplitter*>();
            QVERIFY(splitter);
            const int total = splitter->sizes().at(0) + splitter->sizes().at(1);
            splitter->setSizes({ total / 4, total - total / 4 });
            sizes = splitter->sizes();
            QVERIFY(window.close());
        }
        MainWindow window;
        addPages(window);
        window.resize(640, 480); // what main() sets before restoring
        window.restoreSession();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1100, 760));
        QCOMPARE(window.currentPage(), window.pages().at(2));
        QCOMPARE(window.pages().at(2)->findChild<QSplitter*>()->sizes(), sizes);
    }

    void firstSessionKeepsTheDefaults()
    {
        MainWindow window;
        addPages(window);
        window.resize(900, 600);
        window.restoreSession();
        QCOMPARE(window.size(), QSize(900, 600));
        QCOMPARE(window.currentPage(), window.pages().at(0));
    }

    void ctrlNumberShowsThatPage()
    {
        MainWindow window;
        addPages(window);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), window.pages().at(2));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), window.pages().at(1));
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier); // no fourth page: nothing happens
        QCOMPARE(window.currentPage(), window.pages().at(1));
    }

    void helpMenuHasAboutQt()
    {
        MainWindow window;
        QAction* aboutQt = menuAction(window, QStringLiteral("About &Qt"));
        QVERIFY(aboutQt);
        QCOMPARE(aboutQt->menuRole(), QAction::AboutQtRole);
    }

    void closeStoreLetsGoOfItAndShowsTheStartPage()
    {
        Test::TestDatabase db;
        db.open();
        MainWindow window;
        addPages(window);
        QAction* close = menuAction(window, QStringLiteral("&Close store"));
        QVERIFY(close);
        QVERIFY(!close->isEnabled());
        QCOMPARE(close->shortcut(), QKeySequence(QKeySequence::Close));
        QSignalSpy opened(&window, &MainWindow::storeOpened);
        window.openUrl(db.url());
        QVERIFY(opened.wait(20000));
        QVERIFY(close->isEnabled());
        QVERIFY(window.currentPage()->context().store);
        std::weak_ptr<const Store> store = window.store();
        opened.clear(); // the spy's copy of the signal's argument holds the store too

        QSignalSpy closed(&window, &MainWindow::storeClosed);
        close->trigger();
        QCOMPARE(closed.size(), 1);
        QVERIFY(!window.store());
        QVERIFY(!window.currentPage()->context().store);
        QVERIFY(window.startPage()->isVisibleTo(&window));
        QVERIFY(!close->isEnabled());
        QVERIFY(window.windowTitle() == QStringLiteral("RagScope"));
        // Jobs still running on the store finish, then nothing holds it: its connections close.
        QTRY_VERIFY_WITH_TIMEOUT(store.expired(), 20000);
    }
};

QTEST_MAIN(TestMainWindowSession)
#include "tst_mainwindowsession.moc"
