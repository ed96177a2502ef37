#pragma once

#include "alerts/alertresult.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace RagScope {

class Banner;

/// Tells the person at the screen that a rule turned critical: a desktop notification where the
/// platform has a system tray (QSystemTrayIcon), the window's banner otherwise.
class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    AlertNotifier(Banner* banner, QObject* parent = nullptr);

    void notify(const QList<AlertResult>& critical);
    bool usesTray() const { return m_tray != nullptr; }
    /// The text of the last notification (tests, and the tray's tooltip).
    QString lastMessage() const { return m_last; }

signals:
    /// The notification was clicked (the app shows the Alerts page).
    void activated();

private:
    QPointer<Banner> m_banner;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_last;
};

} // namespace RagScope
