#pragma once

#include <QObject>

class QTimer;

namespace RagScope {

class DashboardPage;

/// Holds back work until the page on screen has loaded (or a moment has passed, should it take
/// long): a newly opened store's page gets the few database threads to itself first, and the
/// filter bar's choices, the rollup refresh and alert checks follow (MainWindow::storeReady).
class AfterPageLoaded : public QObject
{
    Q_OBJECT

public:
    explicit AfterPageLoaded(QObject* parent = nullptr);

    /// ready() once `page` has loaded; at once (from this call) when there is no page or it is idle.
    void wait(DashboardPage* page);
    /// Forgets a wait that has not ended.
    void cancel();

signals:
    void ready();

private:
    void finish();

    QTimer* m_delay;
    QMetaObject::Connection m_onLoad;
};

} // namespace RagScope
