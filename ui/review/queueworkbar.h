#pragma once

#include "review/reviewtypes.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace RagScope {

class LatestJob;
struct ReviewDraft;

/// Working a saved queue on the Review page: a queue picker (none: free browsing), "Next item"
/// that claims an item through ClaimService (a lease in the store), the lease time left and
/// the queue's progress (reviewed / total, today, mine). Saving or skipping the claimed item
/// releases its lease and claims the next one. All store work runs off the GUI thread.
class QueueWorkBar : public QWidget
{
    Q_OBJECT
public:
    explicit QueueWorkBar(QWidget* parent = nullptr);

    /// Loads the store's saved queues (none: only free browsing); drops the queue being worked.
    void setStore(StorePtr store);
    /// Reads the store's queues again (one was saved meanwhile); the queue being worked stays.
    void reloadQueues();
    /// The name claims and saves are made under.
    void setReviewer(const QString& reviewer);

    /// The queue being worked; none while browsing freely.
    const std::optional<SavedQueue>& queue() const { return m_queue; }
    /// The item claimed now; none before "Next item" or when the queue has nothing left.
    const std::optional<Claim>& claim() const { return m_claim; }
    /// True when `interactionId` is the item claimed now.
    bool isClaimed(const QUuid& interactionId) const;
    /// Whole seconds since the claimed item was shown (at least 1: it was looked at).
    int secondsOnItem() const;
    bool isBusy() const;

    QComboBox* picker() const { return m_picker; }
    QPushButton* nextButton() const { return m_next; }
    QString leaseText() const;
    QString progressText() const;

public slots:
    /// Picks the queue named `name` (empty: none) once the list is loaded.
    void selectQueue(const QString& name);
    /// Claims the next item of the queue (or renews the reviewer's current lease).
    void next();
    /// Lets the claimed item go (not offered to this reviewer again) and claims the next.
    void skip();
    /// Saves `draft` as the reviewer's verdict in the queue with the seconds spent, releases
    /// the lease and claims the next item.
    void save(const RagScope::ReviewDraft& draft);

signals:
    /// Another queue (or none) was picked.
    void queueChanged();
    /// An item was claimed (null: the queue has nothing left for this reviewer).
    void claimed(const QUuid& interactionId);
    void saved(const RagScope::Review& review);
    void saveFailed(const QUuid& interactionId, const QString& message);
    /// A claim, skip or progress read failed for a reason other than the input.
    void failed(const RagScope::Error& error);
    void busyChanged();

private:
    void pickQueue();
    void claimNext();
    void deliverClaim(const Result<std::optional<Claim>>& claim);
    void loadProgress();
    void updateLease();
    void updateState();

    StorePtr m_store;
    QString m_reviewer;
    QString m_pendingSelection;
    QList<SavedQueue> m_queues;
    std::optional<SavedQueue> m_queue;
    std::optional<Claim> m_claim;
    std::optional<QueueProgress> m_progress;
    bool m_done = false; ///< the last claim found nothing left for this reviewer
    QElapsedTimer m_shown; ///< since the claimed item was shown
    QTimer m_tick; ///< counts the lease down
    LatestJob* m_listJob;
    LatestJob* m_claimJob;
    LatestJob* m_progressJob;
    QComboBox* m_picker;
    QPushButton* m_next;
    QLabel* m_lease;
    QLabel* m_progressLabel;
};

} // namespace RagScope
