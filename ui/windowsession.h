#pragma once

#include <QList>

#include <functional>

class QMainWindow;

namespace RagScope {

class DashboardPage;

/// What the main window keeps between sessions (QSettings): geometry, window state, each page's
/// splitters and the page on screen.
namespace WindowSession {
void save(const QMainWindow& window, const QList<DashboardPage*>& pages, const DashboardPage* current);
/// Restores geometry and state, hands the page that was on screen to `show` (before its
/// splitters: a page shown later would lay them out again), then the splitters.
void restore(
    QMainWindow& window, const QList<DashboardPage*>& pages, const std::function<void(DashboardPage*)>& show);
} // namespace WindowSession

} // namespace RagScope
