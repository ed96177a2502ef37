#pragma once

#include <QDir>
#include <QObject>
#include <QTimer>

namespace RagScope {

class DashboardPage;
class MainWindow;

/// `ragscope --screenshots DIR`: once the store is open, shows each page at 1400×900, waits
/// for its loaded() signal (at most TimeoutMs each) and saves the window as DIR/<page>.png; finished()
/// carries the exit code.
class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int TimeoutMs = 60'000;

    ScreenshotRunner(MainWindow* window, const QString& directory, QObject* parent = nullptr);

    /// "RagScope::CostPage" → "cost".
    static QString fileNameFor(const DashboardPage* page);

signals:
    void finished(int exitCode, const QString& message);

private:
    /// Saves view `view` of `page` (0: the page as shown; then its screenshotViews()), then the next.
    void saveView(DashboardPage* page, int view);
    void start();
    void showNext();
    void capture();
    void fail(const QString& message);

    MainWindow* m_window;
    QDir m_dir;
    QTimer m_timeout;
    int m_next = 0;
    QMetaObject::Connection m_loaded;
    QMetaObject::Connection m_error;
    bool m_done = false;
};

} // namespace RagScope
