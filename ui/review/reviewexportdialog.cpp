#include "reviewexportdialog.h"

#include "jobs/dbthreadpool.h"
#include "jobs/latestjob.h"
#include "review/reviewdataset.h"
#include "review/savedqueuestore.h"
#include "widgets/csvexportjob.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPromise>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace RagScope {

namespace {

QString suffixOf(ReviewDataset::Format format)
{
    return format == ReviewDataset::Format::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl");
}

} // namespace

ReviewExportDialog::ReviewExportDialog(StorePtr store, const QString& queueName, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_listJob(new LatestJob(this))
    , m_queue(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_run(new ExportRunPanel(this, &m_watcher))
{
    setObjectName(QStringLiteral("reviewExportDialog"));
    setWindowTitle(tr("Export reviews"));
    m_queue->setAccessibleName(tr("Reviews to export"));
    m_queue->addItem(tr("All reviewed interactions"), QString());
    m_format->setAccessibleName(tr("Dataset format"));
    m_format->addItem(tr("JSON Lines (one object per interaction)"), int(ReviewDataset::Format::JsonLines));
    m_format->addItem(tr("CSV (verdicts as a JSON column)"), int(ReviewDataset::Format::Csv));
    m_path->setAccessibleName(tr("Dataset file"));
    m_path->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .filePath(QStringLiteral("ragscope-reviews.jsonl")));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&Reviews:"), m_queue);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&File:"), pathRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ReviewExportDialog::formatChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export reviews"), m_path->text(),
            m_format->currentIndex() == 0 ? tr("JSON Lines (*.jsonl)") : tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            setPath(path);
    });
    connect(m_run, &ExportRunPanel::exportRequested, this, &ReviewExportDialog::start);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int done) {
        m_run->statusLabel()->setText(
            tr("%1 of %2 interactions read")
                .arg(QLocale().toString(done), QLocale().toString(m_watcher.progressMaximum())));
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ReviewExportDialog::finish);
    loadQueues(queueName);
}

ReviewExportDialog::~ReviewExportDialog()
{
    m_watcher.cancel();
}

ReviewExportDialog* ReviewExportDialog::openFor(StorePtr store, const QString& queueName, QWidget* parent)
{
    auto* dialog = new ReviewExportDialog(std::move(store), queueName, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool ReviewExportDialog::isLoading() const
{
    return m_listJob->isBusy();
}

void ReviewExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
}

void ReviewExportDialog::loadQueues(const QString& select)
{
    m_listJob->start([store = m_store] { return SavedQueueStore(store).list(); },
        [this, select](const Result<QList<SavedQueue>>& queues) {
            // A store without saved queues still exports every reviewed interaction.
            m_queues = queues.ok() ? *queues : QList<SavedQueue>();
            for (const SavedQueue& q : std::as_const(m_queues))
                m_queue->addItem(tr("Queue \"%1\"").arg(q.name), q.name);
            if (!select.isEmpty())
                m_queue->setCurrentIndex(qMax(0, m_queue->findData(select)));
            emit queuesLoaded();
        });
}

// The file's suffix follows the format, so a changed format does not write CSV into .jsonl.
void ReviewExportDialog::formatChanged()
{
    const auto format = ReviewDataset::Format(m_format->currentData().toInt());
    const QFileInfo info(m_path->text().trimmed());
    if (info.fileName().isEmpty())
        return;
    setPath(QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + suffixOf(format)));
}

void ReviewExportDialog::setInputsEnabled(bool enabled)
{
    for (QWidget* input : std::initializer_list<QWidget*> { m_queue, m_format, m_path })
        input->setEnabled(enabled);
}

void ReviewExportDialog::start()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_run->statusLabel()->setText(tr("Choose the file to write."));
        return;
    }
    std::optional<SavedQueue> queue;
    const QString name = m_queue->currentData().toString();
    for (const SavedQueue& q : std::as_const(m_queues)) {
        if (q.name == name)
            queue = q;
    }
    const auto format = ReviewDataset::Format(m_format->currentData().toInt());
    setInputsEnabled(false);
    m_run->begin(tr("Reading reviews…"));
    m_watcher.setFuture(QtConcurrent::run(
        dbThreadPool(), [store = m_store, queue, format, path](QPromise<Result<CsvExportSummary>>& promise) {
            promise.addResult(
                ReviewDataset(store).write(queue, format, path, CsvExportJob::controlFor(promise)));
        }));
}

void ReviewExportDialog::finish()
{
    setInputsEnabled(true);
    const bool noResult = m_watcher.isCanceled() || m_watcher.future().resultCount() == 0;
    const Result<CsvExportSummary> result
        = noResult ? Result<CsvExportSummary>(CsvExportSummary { 0, true }) : m_watcher.result();
    if (!result.ok()) {
        m_run->end(false, tr("Export failed: %1").arg(result.error().message));
        emit failed(result.error().message);
        return;
    }
    if (result->cancelled) {
        m_run->end(false, tr("Cancelled: no file was written."));
        emit cancelled();
        return;
    }
    m_run->end(true,
        tr("Wrote %1 reviewed interactions to %2.")
            .arg(QLocale().toString(result->rows), QDir::toNativeSeparators(m_path->text().trimmed())));
    emit exported(result->rows);
}

} // namespace RagScope
