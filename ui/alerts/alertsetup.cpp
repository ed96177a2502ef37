#include "alertsetup.h"

#include "alertmonitor.h"
#include "alertnotifier.h"
#include "alerts/alertrulesfile.h"
#include "mainwindow.h"
#include "pages/alertspage.h"
#include "widgets/banner.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace RagScope {

AlertSetup::AlertSetup(MainWindow* window, AlertsPage* page)
    : QObject(window)
    , m_window(window)
    , m_page(page)
    , m_monitor(new AlertMonitor(this))
    , m_notifier(new AlertNotifier(window->banner(), this))
{
    const QString path = QSettings().value(QStringLiteral("alerts/rulesFile"), defaultRulesPath()).toString();
    const auto loaded = AlertRulesFile::load(path);
    if (loaded.ok()) {
        m_page->setRules(loaded.value(), path);
        m_monitor->setRules(loaded.value());
    } else {
        // No file yet: the built-in rules, and the editor saves to `path`. A broken file is
        // reported and left as it is.
        m_page->setRules(AlertRule::defaults(), path);
        if (loaded.error().kind != ErrorKind::NotFound)
            window->banner()->showMessage(
                tr("Alert rules not loaded, using the defaults: %1").arg(loaded.error().message), false);
    }
    // The old store's alerts go at once; the first check of the new one (every rule's window)
    // waits until the page on screen has its figures.
    const auto forgetStore = [this] { m_monitor->setStore({}); };
    connect(window, &MainWindow::storeOpened, m_monitor, forgetStore);
    connect(window, &MainWindow::storeReady, m_monitor, &AlertMonitor::setStore);
    connect(window, &MainWindow::storeClosed, m_monitor, forgetStore);
    connect(
        m_page, &AlertsPage::rulesChanged, this, [this](const QList<AlertRule>& rules, const QString& path) {
            QSettings().setValue(QStringLiteral("alerts/rulesFile"), path);
            m_monitor->setRules(rules);
        });
    connect(m_monitor, &AlertMonitor::firingCountChanged, this,
        [this](int count) { m_window->setPageBadge(m_page, count); });
    connect(m_monitor, &AlertMonitor::turnedCritical, m_notifier, &AlertNotifier::notify);
    connect(m_notifier, &AlertNotifier::activated, this, [this] {
        m_window->showPage(m_page);
        m_window->raise();
        m_window->activateWindow();
    });
}

QString AlertSetup::defaultRulesPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("alert-rules.json"));
}

} // namespace RagScope
