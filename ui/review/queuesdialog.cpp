#include "queuesdialog.h"

#include "jobs/latestjob.h"
#include "queuefilterfields.h"
#include "review/queueagreementservice.h"
#include "review/queueprogress.h"
#include "review/savedqueuestore.h"
#include "reviewexportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RagScope {

namespace {

QTableWidget* makeTable(const QStringList& headers, const QString& name, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(name);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

void addRow(QTableWidget* table, const QStringList& cells)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int c = 0; c < cells.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(cells[c]));
}

QString figure(const std::optional<double>& value)
{
    return value ? QLocale().toString(*value, 'f', 3) : QueuesDialog::tr("—");
}

QString verdictText(const Review& r)
{
    return r.label.isEmpty() ? QStringLiteral("%1: %2").arg(r.reviewer).arg(r.rating)
                             : QStringLiteral("%1: %2 · %3").arg(r.reviewer).arg(r.rating).arg(r.label);
}

} // namespace

QueuesDialog::QueuesDialog(
    StorePtr store, const ReviewQueueQuery& currentFilters, const QString& reviewer, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_filters(currentFilters)
    , m_reviewer(reviewer)
    , m_listJob(new LatestJob(this))
    , m_progressJob(new LatestJob(this))
    , m_agreementJob(new LatestJob(this))
    , m_disagreementJob(new LatestJob(this))
    , m_saveJob(new LatestJob(this))
    , m_picker(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_progress(
          makeTable({ tr("Reviewer"), tr("Items"), tr("Today"), tr("This week"), tr("Median s / item") },
              tr("Progress per reviewer"), this))
    , m_alpha(new QLabel(this))
    , m_pairs(makeTable({ tr("Reviewer"), tr("Reviewer"), tr("Shared items"), tr("κ (quadratic)") },
          tr("Agreement per reviewer pair"), this))
    , m_disagreements(
          makeTable({ tr("Query"), tr("Verdicts"), tr("Final verdict") }, tr("Disagreements"), this))
    , m_name(new QLineEdit(this))
    , m_goal(new QLineEdit(this))
    , m_k(new QSpinBox(this))
    , m_sample(new QDoubleSpinBox(this))
    , m_blind(new QCheckBox(tr("Blind: others' verdicts on an item show only after saving your own"), this))
    , m_lease(new QSpinBox(this))
    , m_filterFields(new QueueFilterFields(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("queuesDialog"));
    setWindowTitle(tr("Review queues"));
    m_picker->setAccessibleName(tr("Queue"));
    connect(m_picker, &QComboBox::currentIndexChanged, this, &QueuesDialog::showQueue);
    m_summary->setAccessibleName(tr("Queue progress"));
    m_alpha->setWordWrap(true);
    m_alpha->setAccessibleName(tr("Agreement across reviewers"));

    auto* agreement = new QWidget(this);
    auto* agreementLayout = new QVBoxLayout(agreement);
    agreementLayout->addWidget(m_alpha);
    agreementLayout->addWidget(m_pairs, 1);
    // The adjudicator's final verdict on the selected disagreement.
    auto* disagreements = new QWidget(this);
    auto* disagreementLayout = new QVBoxLayout(disagreements);
    disagreementLayout->addWidget(m_disagreements, 1);
    auto* finalRow = new QHBoxLayout;
    auto* finalRating = new QSpinBox(this);
    finalRating->setRange(1, 5);
    finalRating->setAccessibleName(tr("Final rating"));
    auto* finalLabel = new QLineEdit(this);
    finalLabel->setAccessibleName(tr("Final label"));
    finalLabel->setPlaceholderText(tr("label"));
    auto* finalComment = new QLineEdit(this);
    finalComment->setAccessibleName(tr("Final comment"));
    finalComment->setPlaceholderText(tr("why"));
    auto* record = new QPushButton(tr("Record final verdict"), this);
    record->setObjectName(QStringLiteral("recordFinalVerdict"));
    connect(record, &QPushButton::clicked, this, [this, finalRating, finalLabel, finalComment] {
        adjudicate(finalRating->value(), finalLabel->text().trimmed(), finalComment->text().trimmed());
    });
    finalRow->addWidget(finalRating);
    finalRow->addWidget(finalLabel);
    finalRow->addWidget(finalComment, 1);
    finalRow->addWidget(record);
    disagreementLayout->addLayout(finalRow);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(m_progress, tr("Progress"));
    tabs->addTab(agreement, tr("Agreement"));
    tabs->addTab(disagreements, tr("Disagreements"));

    m_name->setAccessibleName(tr("New queue name"));
    m_name->setMaxLength(100);
    m_goal->setAccessibleName(tr("New queue goal"));
    m_goal->setMaxLength(500);
    m_goal->setPlaceholderText(tr("e.g. every low-rated answer of the last 7 days"));
    m_k->setRange(1, 10);
    m_k->setAccessibleName(tr("Reviews per item"));
    m_sample->setRange(0.01, 100.0);
    m_sample->setValue(100.0);
    m_sample->setSuffix(tr(" %"));
    m_sample->setAccessibleName(tr("Sample"));
    m_blind->setObjectName(QStringLiteral("blind"));
    m_blind->setChecked(SavedQueue {}.blind);
    m_lease->setObjectName(QStringLiteral("leaseMinutes"));
    m_lease->setAccessibleName(tr("Lease"));
    m_lease->setRange(1, 240);
    m_lease->setValue(SavedQueue {}.leaseSeconds / 60);
    m_lease->setSuffix(tr(" min"));
    m_lease->setToolTip(tr("How long \"Next item\" reserves an item for its reviewer"));
    auto* save = new QPushButton(tr("Save the Review page's filters as a queue"), this);
    connect(save, &QPushButton::clicked, this, &QueuesDialog::saveAsQueue);
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Goal"), m_goal);
    form->addRow(tr("Reviews per item"), m_k);
    form->addRow(tr("Reproducible sample"), m_sample);
    form->addRow(tr("Reserve an item for"), m_lease);
    form->addRow(m_blind);
    form->addRow(tr("Also narrow to"), m_filterFields);
    form->addRow(save);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Queues status"));

    // The selected queue's items and verdicts as a dataset (JSON Lines or CSV).
    auto* exportQueue = new QPushButton(tr("Export…"), this);
    exportQueue->setObjectName(QStringLiteral("exportQueue"));
    exportQueue->setToolTip(tr("Export this queue's reviewed items with their final verdicts"));
    connect(exportQueue, &QPushButton::clicked, this,
        [this] { ReviewExportDialog::openFor(m_store, m_picker->currentData().toString(), this); });
    auto* pickerRow = new QHBoxLayout;
    pickerRow->addWidget(m_picker, 1);
    pickerRow->addWidget(exportQueue);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(pickerRow);
    layout->addWidget(m_summary);
    layout->addWidget(tabs, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);
    resize(720, 640);
    loadQueues();
}

QString QueuesDialog::summary() const
{
    return m_summary->text();
}

QString QueuesDialog::agreementSummary() const
{
    return m_alpha->text();
}

QString QueuesDialog::message() const
{
    return m_message->text();
}

bool QueuesDialog::isBusy() const
{
    for (const LatestJob* job : { m_listJob, m_progressJob, m_agreementJob, m_disagreementJob, m_saveJob }) {
        if (job->isBusy())
            return true;
    }
    return false;
}

void QueuesDialog::loadQueues(const QString& select)
{
    m_listJob->start([store = m_store] { return SavedQueueStore(store).list(); },
        [this, select](const Result<QList<SavedQueue>>& queues) {
            if (!queues.ok()) {
                m_message->setText(queues.error().message);
                emit loaded();
                return;
            }
            m_queues = *queues;
            {
                const QSignalBlocker blocker(m_picker);
                m_picker->clear();
                for (const SavedQueue& q : std::as_const(m_queues))
                    m_picker->addItem(q.goal.isEmpty() ? q.name : tr("%1 — %2").arg(q.name, q.goal), q.name);
                m_picker->setCurrentIndex(qMax(0, m_picker->findData(select)));
            }
            if (m_queues.isEmpty())
                m_summary->setText(tr("No saved queues yet."));
            showQueue();
        });
}

void QueuesDialog::showQueue()
{
    const int index = m_picker->currentIndex();
    if (index < 0 || index >= m_queues.size()) {
        emit loaded();
        return;
    }
    const SavedQueue queue = m_queues[index];
    m_progressJob->start(
        [store = m_store, queue] {
            return QueueProgressReport::compute(store, queue, QDateTime::currentDateTimeUtc());
        },
        [this, queue](const Result<QueueProgress>& progress) {
            m_progress->setRowCount(0);
            if (!progress.ok()) {
                m_summary->setText(progress.error().message);
            } else {
                m_summary->setText(tr("%1 of %2 items done (%3 reviews each), %4 started")
                                       .arg(progress->complete)
                                       .arg(progress->total)
                                       .arg(queue.reviewsPerItem)
                                       .arg(progress->started));
                for (const ReviewerProgress& r : progress->reviewers)
                    addRow(m_progress,
                        { r.reviewer, QString::number(r.reviewed), QString::number(r.today),
                            QString::number(r.thisWeek),
                            r.medianSeconds ? QLocale().toString(*r.medianSeconds, 'f', 0) : tr("—") });
            }
            if (!isBusy())
                emit loaded();
        });
    m_agreementJob->start([store = m_store, queue] { return QueueAgreementService(store).agreement(queue); },
        [this](const Result<QueueAgreement>& agreement) {
            m_pairs->setRowCount(0);
            if (!agreement.ok()) {
                m_alpha->setText(agreement.error().message);
            } else {
                QString text = tr(
                    "Krippendorff's α (ordinal): %1 over %2 items with two or more verdicts (%3 verdicts)")
                                   .arg(figure(agreement->alpha))
                                   .arg(agreement->alphaItems)
                                   .arg(agreement->alphaValues);
                if (!agreement->note.isEmpty())
                    text += QLatin1Char('\n') + tr("Note: %1").arg(agreement->note);
                m_alpha->setText(text);
                for (const PairAgreement& p : agreement->pairs)
                    addRow(m_pairs, { p.first, p.second, QString::number(p.items), figure(p.kappa) });
            }
            if (!isBusy())
                emit loaded();
        });
    m_disagreementJob->start(
        [store = m_store, queue] { return QueueAgreementService(store).disagreements(queue); },
        [this](const Result<QList<Disagreement>>& list) {
            m_disagreements->setRowCount(0);
            m_shown = list.ok() ? *list : QList<Disagreement>();
            if (list.ok()) {
                for (const Disagreement& d : *list) {
                    QStringList verdicts;
                    for (const Review& r : d.verdicts)
                        verdicts << verdictText(r);
                    addRow(m_disagreements,
                        { d.queryPreview, verdicts.join(QLatin1String("; ")),
                            d.adjudication ? verdictText(*d.adjudication) : tr("not adjudicated") });
                }
            }
            if (!isBusy())
                emit loaded();
        });
}

void QueuesDialog::adjudicate(int rating, const QString& label, const QString& comment)
{
    const int row = m_disagreements->currentRow();
    const int index = m_picker->currentIndex();
    if (row < 0 || row >= m_shown.size() || index < 0 || index >= m_queues.size()) {
        m_message->setText(tr("Select a disagreement first."));
        return;
    }
    const SavedQueue queue = m_queues[index];
    const QUuid item = m_shown[row].interactionId;
    m_message->setText(tr("Saving…"));
    m_saveJob->start(
        [store = m_store, queue, item, reviewer = m_reviewer, rating, label, comment] {
            return QueueAgreementService(store).adjudicate(queue, item, reviewer, rating, label, comment);
        },
        [this](const Result<Review>& saved) {
            if (!saved.ok()) {
                m_message->setText(saved.error().message);
                emit loaded();
                return;
            }
            m_message->setText(tr("Final verdict recorded."));
            showQueue();
        });
}

void QueuesDialog::saveAsQueue()
{
    SavedQueue queue;
    queue.name = m_name->text().trimmed();
    queue.goal = m_goal->text().trimmed();
    queue.query = m_filters;
    m_filterFields->applyTo(queue.query);
    queue.reviewsPerItem = m_k->value();
    queue.blind = m_blind->isChecked();
    queue.leaseSeconds = m_lease->value() * 60;
    queue.createdBy = m_reviewer;
    const int basisPoints = qRound(m_sample->value() * 100);
    if (basisPoints < 10000) {
        queue.sampleBasisPoints = basisPoints;
        queue.sampleSeed = queue.name; // reproducible: the same name draws the same items
    }
    m_message->setText(tr("Saving…"));
    m_saveJob->start([store = m_store, queue] { return SavedQueueStore(store).create(queue); },
        [this](const Result<SavedQueue>& saved) {
            if (!saved.ok()) {
                m_message->setText(saved.error().message);
                emit loaded();
                return;
            }
            m_message->setText(tr("Queue \"%1\" saved.").arg(saved->name));
            loadQueues(saved->name);
        });
}

} // namespace RagScope
