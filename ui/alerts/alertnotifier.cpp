#include "alertnotifier.h"

#include "widgets/banner.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace RagScope {

AlertNotifier::AlertNotifier(Banner* banner, QObject* parent)
    : QObject(parent)
    , m_banner(banner)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("RagScope alerts"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &AlertNotifier::activated);
        m_tray->show();
    }
}

void AlertNotifier::notify(const QList<AlertResult>& critical)
{
    if (critical.isEmpty())
        return;
    QStringList lines;
    for (const AlertResult& r : critical)
        lines << r.summary();
    m_last = tr("CRITICAL: %1").arg(lines.join(QStringLiteral("; ")));
    if (m_tray) {
        m_tray->showMessage(tr("RagScope alert"), lines.join(QLatin1Char('\n')), QSystemTrayIcon::Critical);
        m_tray->setToolTip(m_last);
    } else if (m_banner) {
        m_banner->showMessage(tr("Alert %1").arg(m_last), false);
    }
}

} // namespace RagScope
