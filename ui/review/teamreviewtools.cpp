#include "teamreviewtools.h"

#include "connectionprofiles.h"
#include "jobs/latestjob.h"
#include "labelseditordialog.h"
#include "queuesdialog.h"
#include "review/labelstore.h"
#include "review/revieweridentity.h"
#include "widgets/reviewsettings.h"

#include <QAction>

namespace RagScope {

TeamReviewTools::TeamReviewTools(
    QWidget* page, std::function<ReviewQueueQuery()> query, std::function<QString()> reviewer)
    : QObject(page)
    , m_page(page)
    , m_query(std::move(query))
    , m_reviewer(std::move(reviewer))
    , m_labels(fallback())
    , m_job(new LatestJob(this))
    , m_identityJob(new LatestJob(this))
    , m_queues(new QAction(tr("Queues…"), this))
    , m_labelsAction(new QAction(tr("Labels…"), this))
{
    m_queues->setObjectName(QStringLiteral("reviewQueues"));
    m_queues->setToolTip(tr("Saved queues: progress, agreement between reviewers, disagreements"));
    connect(m_queues, &QAction::triggered, this, [this] {
        auto* dialog = new QueuesDialog(m_store, m_query(), m_reviewer(), m_page);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::finished, this, &TeamReviewTools::queuesChanged);
        dialog->open();
    });
    m_labelsAction->setObjectName(QStringLiteral("editLabels"));
    m_labelsAction->setToolTip(tr("Edit the labels and rating wording the whole team reviews with"));
    connect(m_labelsAction, &QAction::triggered, this, [this] {
        auto* editor = new LabelsEditorDialog(m_store, m_labels, m_page);
        editor->setAttribute(Qt::WA_DeleteOnClose);
        connect(editor, &QDialog::accepted, this, &TeamReviewTools::loadLabels);
        editor->open();
    });
}

bool TeamReviewTools::isBusy() const
{
    return m_job->isBusy() || m_identityJob->isBusy();
}

void TeamReviewTools::setStore(StorePtr store)
{
    m_store = std::move(store);
    loadLabels();
    resolveReviewer();
}

void TeamReviewTools::keepReviewer(const QString& name)
{
    if (!m_store)
        return;
    ConnectionProfiles::setReviewer(m_store->location(), name);
    if (name.trimmed().isEmpty())
        resolveReviewer();
}

void TeamReviewTools::resolveReviewer()
{
    if (!m_store) {
        m_identityJob->cancel();
        emit reviewerResolved(ReviewerIdentity::osUser());
        return;
    }
    // The role needs a round trip to PostgreSQL: off the GUI thread.
    m_identityJob->start(
        [store = m_store, own = ConnectionProfiles::reviewer(m_store->location())] {
            return ReviewerIdentity::resolve(*store, own);
        },
        [this](const Result<QString>& reviewer) {
            emit reviewerResolved(reviewer.ok() ? *reviewer : ReviewerIdentity::osUser());
        });
}

LabelSet TeamReviewTools::fallback()
{
    LabelSet set;
    const QStringList names = ReviewSettings::labels();
    for (const QString& name : names)
        set.labels << ReviewLabel { name, {}, QStringLiteral("#808080"), {} };
    set.ratingWording = { tr("wrong"), tr("poor"), tr("fair"), tr("good"), tr("excellent") };
    return set;
}

void TeamReviewTools::loadLabels()
{
    if (!m_store) {
        m_job->cancel();
        m_labels = fallback();
        emit labelsChanged(m_labels.labels);
        return;
    }
    m_job->start([store = m_store, fallback = fallback()] { return LabelStore(store).load(fallback); },
        [this](const Result<LabelSet>& set) {
            m_labels = set.ok() ? *set : fallback();
            emit labelsChanged(m_labels.labels);
        });
}

} // namespace RagScope
