#include "queueworkbar.h"

#include "jobs/latestjob.h"
#include "review/claimservice.h"
#include "review/queueprogress.h"
#include "review/savedqueuestore.h"
#include "widgets/reviewform.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

#include <cmath>
#include <utility>

namespace RagScope {

QueueWorkBar::QueueWorkBar(QWidget* parent)
    : QWidget(parent)
    , m_listJob(new LatestJob(this))
    , m_claimJob(new LatestJob(this))
    , m_progressJob(new LatestJob(this))
    , m_picker(new QComboBox(this))
    , m_next(new QPushButton(tr("Next item"), this))
    , m_lease(new QLabel(this))
    , m_progressLabel(new QLabel(this))
{
    m_picker->setObjectName(QStringLiteral("queuePicker"));
    m_picker->setAccessibleName(tr("Work a queue"));
    m_picker->setToolTip(tr("Work a saved queue: items are handed out one by one and reserved for you"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_picker->addItem(tr("No queue (browse freely)"));
    connect(m_picker, &QComboBox::currentIndexChanged, this, &QueueWorkBar::pickQueue);

    auto* nextAction = new QAction(tr("Claim the next item of the queue"), this);
    nextAction->setShortcut(Qt::Key_N);
    nextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(nextAction, &QAction::triggered, this, &QueueWorkBar::next);
    addAction(nextAction);
    m_next->setObjectName(QStringLiteral("nextItem"));
    m_next->setToolTip(tr("Claim the next item of the queue (N)"));
    connect(m_next, &QPushButton::clicked, this, &QueueWorkBar::next);

    m_lease->setAccessibleName(tr("Lease time left"));
    m_progressLabel->setAccessibleName(tr("Queue progress"));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &QueueWorkBar::updateLease);

    for (LatestJob* job : { m_listJob, m_claimJob, m_progressJob })
        connect(job, &LatestJob::busyChanged, this, &QueueWorkBar::busyChanged);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Queue:"), this));
    layout->addWidget(m_picker);
    layout->addWidget(m_next);
    layout->addWidget(m_lease);
    layout->addStretch();
    layout->addWidget(m_progressLabel);
    updateState();
}

void QueueWorkBar::setStore(StorePtr store)
{
    m_store = std::move(store);
    m_claimJob->cancel();
    m_progressJob->cancel();
    m_queues.clear();
    {
        const QSignalBlocker blocker(m_picker);
        while (m_picker->count() > 1)
            m_picker->removeItem(1);
        m_picker->setCurrentIndex(0);
    }
    const bool hadQueue = m_queue.has_value();
    m_queue.reset();
    m_claim.reset();
    m_done = false;
    m_progress.reset();
    updateState();
    if (hadQueue)
        emit queueChanged();
    reloadQueues();
}

void QueueWorkBar::reloadQueues()
{
    if (!m_store) {
        m_listJob->cancel();
        return;
    }
    m_listJob->start(
        [store = m_store]() -> Result<QList<SavedQueue>> {
            // A store without the queue tables (older schema, read-only role) offers no queues.
            if (!SavedQueueStore::requireQueues(*store).ok())
                return QList<SavedQueue>();
            return SavedQueueStore(store).list();
        },
        [this](const Result<QList<SavedQueue>>& queues) {
            if (!queues.ok()) {
                emit failed(queues.error());
                return;
            }
            m_queues = *queues;
            int current = 0; // the queue being worked stays picked
            {
                const QSignalBlocker blocker(m_picker);
                while (m_picker->count() > 1)
                    m_picker->removeItem(1);
                for (const SavedQueue& q : std::as_const(m_queues)) {
                    m_picker->addItem(q.blind ? tr("%1 (blind)").arg(q.name) : q.name, q.id);
                    if (m_queue && m_queue->id == q.id)
                        current = m_picker->count() - 1;
                }
                m_picker->setCurrentIndex(current);
            }
            if (m_queue && current == 0)
                pickQueue(); // it was deleted meanwhile
            updateState();
            if (!m_pendingSelection.isEmpty())
                selectQueue(std::exchange(m_pendingSelection, QString()));
        });
}

void QueueWorkBar::setReviewer(const QString& reviewer)
{
    if (reviewer == m_reviewer)
        return;
    m_reviewer = reviewer;
    loadProgress(); // "mine" is this reviewer's
}

bool QueueWorkBar::isClaimed(const QUuid& interactionId) const
{
    return m_claim && !interactionId.isNull() && m_claim->interactionId == interactionId;
}

int QueueWorkBar::secondsOnItem() const
{
    if (!m_shown.isValid())
        return 0;
    return qMax(1, int(std::ceil(double(m_shown.elapsed()) / 1000.0)));
}

bool QueueWorkBar::isBusy() const
{
    return m_listJob->isBusy() || m_claimJob->isBusy() || m_progressJob->isBusy();
}

QString QueueWorkBar::leaseText() const
{
    return m_lease->text();
}

QString QueueWorkBar::progressText() const
{
    return m_progressLabel->text();
}

void QueueWorkBar::selectQueue(const QString& name)
{
    if (name.isEmpty()) {
        m_picker->setCurrentIndex(0);
        return;
    }
    for (qsizetype i = 0; i < m_queues.size(); ++i) {
        if (m_queues[i].name == name) {
            m_picker->setCurrentIndex(int(i) + 1);
            return;
        }
    }
    m_pendingSelection = name; // the list is still loading
}

void QueueWorkBar::pickQueue()
{
    const int index = m_picker->currentIndex() - 1;
    m_claimJob->cancel();
    m_claim.reset();
    m_done = false;
    m_shown.invalidate();
    m_progress.reset();
    if (index >= 0 && index < m_queues.size())
        m_queue = m_queues[index];
    else
        m_queue.reset();
    updateState();
    loadProgress();
    emit queueChanged();
}

void QueueWorkBar::next()
{
    if (m_queue && m_store && !m_claimJob->isBusy())
        claimNext();
}

void QueueWorkBar::claimNext()
{
    m_claimJob->start([store = m_store, queue = *m_queue,
                          reviewer = m_reviewer] { return ClaimService(store).claimNext(queue, reviewer); },
        [this](const Result<std::optional<Claim>>& claim) { deliverClaim(claim); });
}

void QueueWorkBar::skip()
{
    if (!m_queue || !m_claim || !m_store || m_claimJob->isBusy())
        return;
    m_claimJob->start(
        [store = m_store, queue = *m_queue, claim = *m_claim]() -> Result<std::optional<Claim>> {
            const ClaimService claims(store);
            if (const Status skipped = claims.skip(queue, claim.interactionId, claim.reviewer); !skipped.ok())
                return skipped.error();
            return claims.claimNext(queue, claim.reviewer);
        },
        [this](const Result<std::optional<Claim>>& claim) { deliverClaim(claim); });
}

void QueueWorkBar::save(const ReviewDraft& draft)
{
    if (!m_queue || !m_store) {
        emit saveFailed(draft.interactionId, tr("No queue is being worked."));
        return;
    }
    ReviewInput input { draft.interactionId, draft.reviewer, draft.rating, draft.label, draft.comment, {},
        false, secondsOnItem() };
    m_claimJob->start(
        [store = m_store, queue = *m_queue, input] { return ClaimService(store).save(queue, input); },
        [this, id = draft.interactionId](const Result<Review>& review) {
            if (!review.ok()) {
                emit saveFailed(id, review.error().message);
                return;
            }
            m_claim.reset();
            m_shown.invalidate();
            emit saved(*review);
            claimNext();
        });
}

void QueueWorkBar::deliverClaim(const Result<std::optional<Claim>>& claim)
{
    if (!claim.ok()) {
        m_claim.reset();
        updateState();
        emit failed(claim.error());
        return;
    }
    m_claim = *claim;
    m_done = !m_claim;
    if (m_claim)
        m_shown.start();
    else
        m_shown.invalidate();
    updateState();
    loadProgress();
    emit claimed(m_claim ? m_claim->interactionId : QUuid());
}

void QueueWorkBar::loadProgress()
{
    if (!m_queue || !m_store) {
        m_progressJob->cancel();
        return;
    }
    m_progressJob->start(
        [store = m_store, queue = *m_queue] {
            return QueueProgressReport::compute(store, queue, QDateTime::currentDateTimeUtc());
        },
        [this](const Result<QueueProgress>& progress) {
            if (!progress.ok()) {
                emit failed(progress.error());
                return;
            }
            m_progress = *progress;
            updateState();
        });
}

void QueueWorkBar::updateLease()
{
    if (!m_claim) {
        m_tick.stop();
        m_lease->setText(!m_queue ? QString()
                : m_done          ? tr("Nothing left for you in this queue")
                                  : tr("No item claimed"));
        return;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_claim->expiresAt);
    if (left <= 0) {
        // The store releases it at the next claim; a save still counts for this reviewer.
        m_tick.stop();
        m_lease->setText(tr("Lease expired: others may claim this item"));
        return;
    }
    m_lease->setText(
        tr("Lease: %1:%2 left").arg(QLocale().toString(left / 60)).arg(left % 60, 2, 10, QLatin1Char('0')));
    if (!m_tick.isActive())
        m_tick.start();
}

void QueueWorkBar::updateState()
{
    m_next->setEnabled(m_queue.has_value() && m_store != nullptr);
    updateLease();
    if (!m_queue) {
        m_progressLabel->clear();
        return;
    }
    if (!m_progress) {
        m_progressLabel->setText(tr("Loading progress…"));
        return;
    }
    qint64 today = 0;
    qint64 mine = 0;
    for (const ReviewerProgress& r : std::as_const(m_progress->reviewers)) {
        today += r.today;
        if (r.reviewer == m_reviewer)
            mine = r.reviewed;
    }
    const QLocale locale;
    m_progressLabel->setText(
        tr("%1 of %2 reviewed · today %3 · mine %4")
            .arg(locale.toString(m_progress->complete), locale.toString(m_progress->total),
                locale.toString(today), locale.toString(mine)));
}

} // namespace RagScope
