// ragscope-guibench: what a user waits for and what the app holds, with real widgets.
//   1. launch → the Overview's key figures painted, then every panel of it loaded and painted
//      (store opened the way the app opens it);
//   2. scrolling the Review table (a real QTableView) to its end, page by page, every keyset
//      page fetched and the bottom rows painted → time, rows, RSS;
//   3. back to the top: the first rows painted again (a dropped page read again) → time.
// Run offscreen: QT_QPA_PLATFORM=offscreen ragscope-guibench --db URL. Prints figures; never fails on speed.
#include "mainwindow.h"
#include "models/reviewqueuemodel.h"
#include "pages/overviewpage.h"
#include "widgets/kpicard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

using namespace RagScope;

namespace {

qint64 statusKiB(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

// Runs the event loop until `signal` fires or `timeoutMs` passes; false on timeout.
template <typename Sender, typename Signal> bool waitFor(Sender* sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

// Runs the event loop until `done()` holds (checked every few ms) or `timeoutMs` passes.
template <typename Done> bool waitUntil(Done done, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!done()) {
        if (waited.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(2, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceLaunch;
    sinceLaunch.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RagScope-bench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("db"), QStringLiteral("Store URL."), QStringLiteral("url") });
    parser.addOption(
        { QStringLiteral("days"), QStringLiteral("Review window in days back from now (default 3650)."),
            QStringLiteral("n"), QStringLiteral("3650") });
    parser.process(app);
    QTextStream out(stdout);
    if (!parser.isSet(QStringLiteral("db"))) {
        out << "ragscope-guibench: --db URL is required\n";
        return 2;
    }

    MainWindow window;
    auto* overview = new OverviewPage;
    window.addPage(overview);
    window.resize(1400, 900);
    window.show();
    bool loaded = false;
    QObject::connect(overview, &DashboardPage::loaded, overview, [&loaded] { loaded = true; });
    window.openUrl(parser.value(QStringLiteral("db")));
    // The cards are what a user reads first; the top users' table can come a moment later.
    const QString noFigure = overview->card(OverviewPage::Requests)->value(); // "—" until loaded
    if (!waitUntil([&] { return overview->card(OverviewPage::Requests)->value() != noFigure; }, 600'000)) {
        out << "the key figures did not load\n";
        return 1;
    }
    window.grab(); // paint it
    out << "launch to painted key figures: " << sinceLaunch.elapsed() << " ms\n";
    if (!loaded && !waitFor(overview, &DashboardPage::loaded, 600'000)) {
        out << "overview did not load\n";
        return 1;
    }
    window.grab();
    out << "launch to painted Overview: " << sinceLaunch.elapsed() << " ms\n";
    out << "RSS after Overview: " << statusKiB("VmRSS:") / 1024 << " MiB"
        << Qt::endl; // shown before the long scroll

    auto store = Store::open(parser.value(QStringLiteral("db")), {});
    if (!store.ok()) {
        out << store.error().message << '\n';
        return 1;
    }
    ReviewQueueModel model;
    QTableView table;
    table.setModel(&model);
    table.resize(1200, 700);
    table.show();
    ReviewQueueQuery query;
    query.filter.to = QDateTime::currentDateTimeUtc().addDays(1);
    query.filter.from = query.filter.to.addDays(-parser.value(QStringLiteral("days")).toInt());
    QElapsedTimer scrolling;
    scrolling.start();
    model.setQuery(store.value(), query);
    waitFor(&model, &ReviewQueueModel::pageLoaded, 600'000);
    while (model.canFetchMore({})) {
        table.scrollToBottom();
        table.viewport()->repaint(); // paints the bottom rows, as a user scrolling would see them
        model.fetchMore({});
        if (!waitFor(&model, &ReviewQueueModel::pageLoaded, 600'000)) {
            out << "a page did not load\n";
            return 1;
        }
    }
    out << "review table scrolled to the end: " << model.rowCount() << " rows in " << scrolling.elapsed()
        << " ms (" << (model.rowCount() / 200 + 1) << " keyset pages)\n";
    out << "RSS after scrolling to the end: " << statusKiB("VmRSS:") / 1024 << " MiB (peak "
        << statusKiB("VmHWM:") / 1024 << " MiB)\n";

    if (model.rowCount() == 0) // nothing to scroll back to (a window without rows)
        return 0;
    QElapsedTimer back;
    back.start();
    table.scrollToTop();
    table.viewport()->repaint(); // asks for the first page again if it was dropped
    if (model.index(0, 0).data(ReviewQueueModel::IdRole).isNull()
        && !waitFor(&model, &QAbstractItemModel::dataChanged, 600'000)) {
        out << "the first page did not come back\n";
        return 1;
    }
    table.viewport()->repaint();
    out << "back to the top, first rows painted again: " << back.elapsed() << " ms\n";
    return 0;
}
