#pragma once

#include <QObject>
#include <QString>

namespace RagScope {

class AlertMonitor;
class AlertNotifier;
class AlertsPage;
class MainWindow;

/// Wires alerting into the main window: loads the rules file (QSettings `alerts/rulesFile`, by
/// default alert-rules.json in the app's config folder; the built-in rules while it does not
/// exist), keeps an AlertMonitor on the open store, shows the number of firing results as a
/// badge on the Alerts page's entry, and announces rules that turn critical (tray or banner).
class AlertSetup : public QObject
{
    Q_OBJECT
public:
    AlertSetup(MainWindow* window, AlertsPage* page);

    static QString defaultRulesPath();
    AlertMonitor* monitor() const { return m_monitor; }
    AlertNotifier* notifier() const { return m_notifier; }

private:
    MainWindow* m_window;
    AlertsPage* m_page;
    AlertMonitor* m_monitor;
    AlertNotifier* m_notifier;
};

} // namespace RagScope
