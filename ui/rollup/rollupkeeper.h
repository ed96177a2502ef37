#pragma once

#include "store/store.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace RagScope {

class LatestJob;
struct RollupStatus;

/// Keeps an open store's rollups fresh while the app runs: refreshes them on open and on a timer
/// where the role may write them (RollupRefresher, in the background), and says in one line which
/// way the dashboard answers: from rollups up to a time, or raw with a hint for an admin.
class RollupKeeper : public QObject
{
    Q_OBJECT
public:
    explicit RollupKeeper(QObject* parent = nullptr);

    /// nullptr stops the timer and clears the status.
    void setStore(StorePtr store);
    void setInterval(std::chrono::milliseconds interval);
    QString status() const { return m_status; }
    bool isBusy() const;

signals:
    void statusChanged(const QString& status);
    /// A refresh rolled up new or changed buckets.
    void refreshed();

private:
    void refresh();
    void readStatus();
    void show(const RollupStatus& status);
    void setStatus(const QString& status);

    StorePtr m_store;
    LatestJob* m_job;
    QTimer* m_timer;
    QString m_status;
    bool m_haveRollups = false;
};

} // namespace RagScope
