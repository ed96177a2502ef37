#include "afterpageloaded.h"

#include "pages/dashboardpage.h"

#include <QTimer>

namespace RagScope {

AfterPageLoaded::AfterPageLoaded(QObject* parent)
    : QObject(parent)
    , m_delay(new QTimer(this))
{
    m_delay->setSingleShot(true);
    m_delay->setInterval(std::chrono::seconds(2));
    connect(m_delay, &QTimer::timeout, this, &AfterPageLoaded::finish);
}

void AfterPageLoaded::wait(DashboardPage* page)
{
    cancel();
    if (!page || !page->isBusy()) {
        emit ready();
        return;
    }
    m_onLoad = connect(page, &DashboardPage::loaded, this, &AfterPageLoaded::finish);
    m_delay->start();
}

void AfterPageLoaded::cancel()
{
    disconnect(m_onLoad);
    m_delay->stop();
}

void AfterPageLoaded::finish()
{
    cancel();
    emit ready();
}

} // namespace RagScope
