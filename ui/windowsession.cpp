#include "windowsession.h"

#include "pages/dashboardpage.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace RagScope::WindowSession {

namespace {
// Splitters have no names: a page's splitters in creation order.
QString splitterKey(const DashboardPage* page, int index)
{
    return QStringLiteral("window/splitters/%1/%2")
        .arg(QLatin1String(page->metaObject()->className()))
        .arg(index);
}
} // namespace

void save(const QMainWindow& window, const QList<DashboardPage*>& pages, const DashboardPage* current)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window.saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window.saveState());
    if (current)
        settings.setValue(QStringLiteral("window/page"), QLatin1String(current->metaObject()->className()));
    for (const DashboardPage* page : pages) {
        const auto splitters = page->findChildren<QSplitter*>();
        for (int i = 0; i < splitters.size(); ++i)
            settings.setValue(splitterKey(page, i), splitters.at(i)->saveState());
    }
}

void restore(
    QMainWindow& window, const QList<DashboardPage*>& pages, const std::function<void(DashboardPage*)>& show)
{
    const QSettings settings;
    window.restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    window.restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString current = settings.value(QStringLiteral("window/page")).toString();
    for (DashboardPage* page : pages) {
        if (QLatin1String(page->metaObject()->className()) == current)
            show(page);
        const auto splitters = page->findChildren<QSplitter*>();
        for (int i = 0; i < splitters.size(); ++i)
            splitters.at(i)->restoreState(settings.value(splitterKey(page, i)).toByteArray());
    }
}

} // namespace RagScope::WindowSession
