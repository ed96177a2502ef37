#include "screenshotrunner.h"

#include "mainwindow.h"

namespace RagScope {

ScreenshotRunner::ScreenshotRunner(MainWindow* window, const QString& directory, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_dir(directory)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(TimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("timed out after %1 s waiting for the store or a page to load").arg(TimeoutMs / 1000));
    });
    connect(window, &MainWindow::storeOpened, this, &ScreenshotRunner::start);
    connect(window, &MainWindow::storeOpenFailed, this, [this](const Error& error) { fail(error.message); });
    m_timeout.start();
}

QString ScreenshotRunner::fileNameFor(const DashboardPage* page)
{
    QString name = QString::fromLatin1(page->metaObject()->className()).section(QStringLiteral("::"), -1);
    if (name.endsWith(QLatin1String("Page")))
        name.chop(4);
    return name.toLower() + QStringLiteral(".png");
}

void ScreenshotRunner::start()
{
    if (!m_dir.mkpath(QStringLiteral("."))) {
        fail(tr("cannot create %1").arg(m_dir.absolutePath()));
        return;
    }
    m_timeout.stop();
    m_window->resize(1400, 900);
    m_window->show();
    showNext();
}

void ScreenshotRunner::showNext()
{
    const QList<DashboardPage*> pages = m_window->pages();
    if (m_next >= pages.size()) {
        m_done = true;
        m_timeout.stop();
        emit finished(0, tr("saved %1 screenshots in %2").arg(pages.size()).arg(m_dir.absolutePath()));
        return;
    }
    DashboardPage* page = pages.at(m_next);
    m_timeout.start(); // each page gets the full time
    disconnect(m_loaded);
    disconnect(m_error);
    m_loaded
        = connect(page, &DashboardPage::loaded, this, &ScreenshotRunner::capture, Qt::SingleShotConnection);
    m_error = connect(page, &DashboardPage::storeError, this,
        [this, page](const Error& error) { fail(tr("%1: %2").arg(page->title(), error.message)); });
    m_window->showPage(page);
    if (!page->isBusy()) // already loaded for this store and filter
        capture();
}

void ScreenshotRunner::capture()
{
    disconnect(m_loaded);
    disconnect(m_error);
    DashboardPage* page = m_window->pages().at(m_next);
    // Let layouts settle and batched chart updates (a few ms timer) land before grabbing.
    QTimer::singleShot(250, this, [this, page] { saveView(page, 0); });
}

void ScreenshotRunner::saveView(DashboardPage* page, int view)
{
    if (m_done)
        return;
    const QStringList views = page->screenshotViews();
    QString name = fileNameFor(page);
    if (view > 0)
        name.insert(name.size() - 4, QLatin1Char('-') + views.at(view - 1));
    const QString path = m_dir.filePath(name);
    if (!m_window->grab().save(path)) {
        fail(tr("cannot write %1").arg(path));
        return;
    }
    if (view < views.size()) {
        page->showScreenshotView(views.at(view));
        QTimer::singleShot(250, this, [this, page, view] { saveView(page, view + 1); });
        return;
    }
    ++m_next;
    showNext();
}

void ScreenshotRunner::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    emit finished(1, message);
}

} // namespace RagScope
