#include "reviewpage.h"

#include "feedback/reviewservice.h"
#include "jobs/latestjob.h"
#include "models/reviewqueuemodel.h"
#include "review/claimservice.h"
#include "review/queueworkbar.h"
#include "review/reviewpagekeys.h"
#include "review/teamreviewtools.h"
#include "widgets/exporter.h"
#include "widgets/interactiondetailview.h"
#include "widgets/panel.h"
#include "widgets/reviewform.h"
#include "widgets/reviewqueuecontrols.h"
#include "widgets/reviewqueuetable.h"
#include "widgets/shortcutsheet.h"

#include <QAction>
#include <QSplitter>
#include <QVBoxLayout>

namespace RagScope {

namespace {

QString readOnlyReason(const StorePtr& store)
{
    if (!store)
        return QObject::tr("No store is open.");
    const StorePtr writer = store->writer(); // the primary, when reading from a replica
    if (writer->isReadOnly())
        return QObject::tr("Saving is off: this store is read-only (%1).").arg(writer->readOnlyReason());
    if (!writer->hasReviews())
        return QObject::tr("Saving is off: %1.").arg(writer->reviewsOffReason());
    return {};
}

} // namespace

ReviewPage::ReviewPage(QWidget* parent)
    : DashboardPage(parent)
    , m_model(new ReviewQueueModel(this))
    , m_detailJob(new LatestJob(this))
    , m_saveJob(new LatestJob(this))
    , m_controls(new ReviewQueueControls(this))
    , m_work(new QueueWorkBar(this))
    , m_queuePanel(new Panel(tr("Review queue"), this))
    , m_detailPanel(new Panel(tr("Interaction"), this))
    , m_formPanel(new Panel(tr("Your review"), this))
    , m_table(new ReviewQueueTable(m_model, this))
    , m_detail(new InteractionDetailView(this))
    , m_form(new ReviewForm(this))
{
    connect(m_controls, &ReviewQueueControls::changed, this, &ReviewPage::applyControls);
    connect(m_table, &ReviewQueueTable::sortRequested, this,
        [this](ReviewQueueQuery::SortKey key, bool descending) {
            m_sort = key;
            m_descending = descending;
            applyControls();
        });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showInteraction(current); });

    auto* exportCsv = new QAction(tr("Export CSV…"), this);
    exportCsv->setObjectName(QStringLiteral("exportCsv"));
    exportCsv->setToolTip(tr("Save every interaction of this queue as CSV, with ids and full texts"));
    connect(exportCsv, &QAction::triggered, this, [this] {
        Exporter::exportReviewQueueCsv(
            this, context().store, m_model->query(), QStringLiteral("review-queue.csv"));
    });
    m_queuePanel->addHeaderAction(exportCsv);
    m_team = new TeamReviewTools(
        this, [this] { return query(); }, [this] { return m_form->reviewer(); });
    m_queuePanel->addHeaderAction(m_team->queuesAction());
    m_formPanel->addHeaderAction(m_team->labelsAction());
    connect(
        m_team, &TeamReviewTools::labelsChanged, this, [this](const QList<RagScope::ReviewLabel>& labels) {
            m_form->setLabels(labels);
            addActions(m_form->labelActions());
            if (m_sheet)
                m_sheet->setActions(actions() + m_controls->actions());
            finishedLoading();
        });
    connect(m_team, &TeamReviewTools::reviewerResolved, this, [this](const QString& reviewer) {
        m_form->setReviewer(reviewer);
        m_work->setReviewer(reviewer);
        finishedLoading();
    });
    connect(m_form, &ReviewForm::reviewerEdited, this, [this](const QString& reviewer) {
        m_team->keepReviewer(reviewer);
        m_work->setReviewer(reviewer);
    });
    // Working a queue: the table shows the queue's filter, the form the claimed item.
    connect(m_work, &QueueWorkBar::queueChanged, this, [this] {
        m_controls->setEnabled(!m_work->queue());
        // Blind: the newest verdict column would show others' verdicts before saving one's own.
        m_table->setColumnHidden(ReviewQueueModel::Review, m_work->queue() && m_work->queue()->blind);
        applyControls();
    });
    connect(m_team, &TeamReviewTools::queuesChanged, m_work, &QueueWorkBar::reloadQueues);
    connect(m_work, &QueueWorkBar::claimed, this, &ReviewPage::showClaimed);
    connect(m_work, &QueueWorkBar::saved, this, [this](const RagScope::Review& review) {
        m_form->saveSucceeded(review.interactionId);
        m_model->applyReview(review);
    });
    connect(m_work, &QueueWorkBar::saveFailed, m_form, &ReviewForm::saveFailed);
    connect(m_work, &QueueWorkBar::failed, this, &DashboardPage::storeError);
    connect(m_work, &QueueWorkBar::busyChanged, this, &ReviewPage::finishedLoading);
    m_queuePanel->setContent(m_table);
    m_detailPanel->setContent(m_detail);
    m_formPanel->setContent(m_form);
    m_detail->setMessage(tr("Select an interaction to see it in full."));

    connect(m_model, &ReviewQueueModel::loadingChanged, m_queuePanel, &Panel::setBusy);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        showInteraction({});
        updateStatus();
    });
    connect(m_model, &ReviewQueueModel::pageLoaded, this, [this] {
        if (!m_columnsSized && m_model->rowCount() > 0) {
            m_table->sizeColumns();
            m_columnsSized = true;
        }
        if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0) // keep the reviewer's place
            m_table->setCurrentIndex(
                m_model->index(qMax(0, m_model->rowOf(m_lastId)), ReviewQueueModel::Time));
        updateStatus();
        finishedLoading();
    });
    // The model holds only the pages in use: a row jumped to (End, Page Down) may arrive a
    // moment later. The form and the detail keep their own id, so a page dropped later
    // changes nothing for them.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex& from, const QModelIndex& to) {
            const QModelIndex current = m_table->currentIndex();
            if (current.isValid() && current.row() >= from.row() && current.row() <= to.row()
                && current.data(ReviewQueueModel::IdRole).toUuid() != m_form->interaction())
                showInteraction(current);
        });
    connect(m_model, &ReviewQueueModel::loadFailed, this, [this](const Error& error) {
        updateStatus();
        emit storeError(error);
        finishedLoading();
    });
    connect(m_detailJob, &LatestJob::busyChanged, m_detailPanel, &Panel::setBusy);
    connect(m_form, &ReviewForm::saveRequested, this, &ReviewPage::saveReview);

    addReviewPageKeys(this,
        { [this](int delta) { m_table->moveCurrent(delta); },
            [this] {
                if (m_work->queue())
                    m_work->skip(); // releases the lease; the next item is claimed
                else
                    m_table->moveCurrent(1);
            },
            [this] { undoLastSave(); }, [this] { showShortcuts(); } });
    addActions(m_form->shortcutActions());
    addActions(m_work->actions());

    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(m_detailPanel);
    side->addWidget(m_formPanel);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 2);
    side->setSizes({ 600, 400 }); // proportions: the panels' size hints would favour the form
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_queuePanel);
    split->addWidget(side);
    split->setStretchFactor(0, 7);
    split->setStretchFactor(1, 3);
    split->setSizes({ 700, 300 });
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addWidget(m_work);
    layout->addWidget(split, 1);

    m_form->setReadOnlyReason(readOnlyReason(context().store));
    updateStatus();
}

QString ReviewPage::title() const
{
    return tr("Review");
}

void ReviewPage::applyContext(bool newStore)
{
    if (newStore) {
        m_detailJob->cancel();
        if (m_saveJob->isBusy()) {
            m_saveJob->cancel();
            m_form->saveFailed(
                m_savingId, tr("The store was closed before the review was saved; save again."));
        }
        m_form->setReadOnlyReason(readOnlyReason(context().store));
        m_team->setStore(context().store);
        m_work->setStore(context().store);
    }
    m_filter = context().filter;
    applyControls();
}

void ReviewPage::reload()
{
    applyControls();
}

bool ReviewPage::isBusy() const
{
    return m_model->isLoading() || m_detailJob->isBusy() || m_saveJob->isBusy() || m_team->isBusy()
        || m_work->isBusy();
}

void ReviewPage::showQuery(const ReviewQueueQuery& query)
{
    m_controls->setQuery(query);
    m_table->setSort(query.sort, query.descending);
    m_filter = query.filter;
    m_sort = query.sort;
    m_descending = query.descending;
    applyControls();
}

ReviewQueueQuery ReviewPage::query() const
{
    ReviewQueueQuery query;
    m_controls->applyTo(query);
    query.filter = m_filter;
    query.sort = m_sort;
    query.descending = m_descending;
    return query;
}

void ReviewPage::applyControls()
{
    const auto& queue = m_work->queue();
    m_model->setQuery(
        context().store, queue ? queue->query.resolvedAt(QDateTime::currentDateTimeUtc()) : query());
}

void ReviewPage::updateStatus()
{
    const int rows = m_model->rowCount();
    if (!context().store)
        m_controls->setStatus(tr("No store open"));
    else if (m_model->isComplete())
        m_controls->setStatus(tr("%n interaction(s)", nullptr, rows));
    else
        m_controls->setStatus(tr("%n loaded, more on scroll", nullptr, rows));
    const bool empty = context().store && m_model->isComplete() && rows == 0;
    m_queuePanel->setMessage(empty ? tr("Nothing to review for these filters.") : QString());
}

void ReviewPage::showInteraction(const QModelIndex& index)
{
    const QUuid id = index.isValid() ? index.data(ReviewQueueModel::IdRole).toUuid() : QUuid();
    m_form->setInteraction(id);
    if (!id.isNull())
        m_lastId = id;
    if (id.isNull()) {
        m_detailJob->cancel();
        m_detail->setMessage(tr("Select an interaction to see it in full."));
        return;
    }
    loadDetail(id);
}

void ReviewPage::loadDetail(const QUuid& interactionId)
{
    if (!context().store)
        return;
    // In a queue, the verdicts shown are those this reviewer may see (blind: only their own
    // until they have saved one).
    m_detailJob->start(
        [store = context().store, interactionId, queue = m_work->queue(),
            reviewer = m_form->reviewer()]() -> Result<InteractionDetail> {
            RAGSCOPE_TRY(detail, ReviewQueue(store).detail(interactionId));
            if (queue) {
                RAGSCOPE_TRY(visible, ClaimService(store).visibleReviews(*queue, interactionId, reviewer));
                detail.latestReviews = visible;
            }
            return detail;
        },
        [this](const Result<InteractionDetail>& detail) {
            if (detail.ok()) {
                m_detail->setDetail(*detail);
            } else {
                m_detail->setMessage(detail.error().message);
                emit storeError(detail.error());
            }
            finishedLoading();
        });
}

void ReviewPage::saveReview(const ReviewDraft& draft)
{
    if (!context().store) {
        m_form->saveFailed(draft.interactionId, tr("No store is open."));
        return;
    }
    m_savingId = draft.interactionId;
    if (m_work->isClaimed(draft.interactionId)) {
        m_work->save(draft); // with the seconds spent; releases the lease, claims the next item
        return;
    }
    m_saveJob->start(
        [store = context().store, draft] {
            return ReviewService(store).save(
                draft.interactionId, draft.reviewer, draft.rating, draft.label, draft.comment);
        },
        [this, id = draft.interactionId](const Result<RagScope::Review>& saved) {
            if (!saved.ok()) {
                m_form->saveFailed(id, saved.error().message);
                const ErrorKind kind = saved.error().kind;
                if (kind != ErrorKind::InvalidInput && kind != ErrorKind::NotFound
                    && kind != ErrorKind::PermissionDenied)
                    emit storeError(saved.error());
                finishedLoading();
                return;
            }
            m_form->saveSucceeded(id);
            m_model->applyReview(*saved);
            if (m_form->interaction() == id)
                m_table->moveCurrent(1); // save and advance; the last row stays where it is
            if (m_detail->interaction() == id)
                loadDetail(id);
            finishedLoading();
        });
}

void ReviewPage::showClaimed(const QUuid& interactionId)
{
    if (interactionId.isNull()) {
        m_form->setInteraction({});
        m_detailJob->cancel();
        m_detail->setMessage(tr("Nothing left for you in this queue."));
        finishedLoading();
        return;
    }
    if (const int row = m_model->rowOf(interactionId); row >= 0)
        m_table->setCurrentIndex(m_model->index(row, ReviewQueueModel::Time));
    if (m_form->interaction() != interactionId) {
        m_form->setInteraction(interactionId);
        m_lastId = interactionId;
    }
    loadDetail(interactionId);
}

void ReviewPage::undoLastSave()
{
    const QUuid id = m_form->interaction();
    if (!context().store || id.isNull() || m_saveJob->isBusy())
        return;
    m_savingId = id;
    // Undo, then read the verdicts still in force: the row shows the newest of them.
    m_saveJob->start(
        [store = context().store, id, reviewer = m_form->reviewer()]() -> Result<QList<RagScope::Review>> {
            const ReviewService reviews(store);
            RAGSCOPE_TRY(undone, reviews.undoLast(id, reviewer));
            return reviews.latestPerReviewer(id);
        },
        [this, id](const Result<QList<RagScope::Review>>& inForce) {
            if (!inForce.ok()) {
                m_form->saveFailed(id, inForce.error().message);
            } else {
                m_form->showNotice(tr("Your last save on this interaction is undone."));
                if (inForce->isEmpty())
                    m_model->clearReview(id);
                else
                    m_model->applyReview(inForce->first());
                if (m_detail->interaction() == id)
                    loadDetail(id);
            }
            finishedLoading();
        });
}

void ReviewPage::showShortcuts()
{
    if (!m_sheet)
        m_sheet = new ShortcutSheet(this);
    m_sheet->setActions(actions() + m_controls->actions());
    m_sheet->show();
    m_sheet->raise();
}

void ReviewPage::finishedLoading()
{
    if (!isBusy())
        emit loaded();
}

} // namespace RagScope
