#include "snapshotexportdialog.h"
#include "i18n/localetime.h"

#include "jobs/dbthreadpool.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace RagScope {

namespace {

QDateTimeEdit* timeEdit(const QDateTime& value, QWidget* parent)
{
    auto* edit = new QDateTimeEdit(value.toUTC(), parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(LocaleTime::dateTimeFormat(QLocale(), true) + QStringLiteral(" 'UTC'"));
    edit->setCalendarPopup(true);
    return edit;
}

int clamped(qint64 value)
{
    return int(std::min<qint64>(value, std::numeric_limits<int>::max()));
}

} // namespace

SnapshotExportDialog::SnapshotExportDialog(StorePtr store, const Filter& filter, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_whole(new QCheckBox(tr("The whole store (ignore window and filters)"), this))
    , m_from(timeEdit(filter.from, this))
    , m_to(timeEdit(filter.to, this))
    , m_user(new QLineEdit(filter.user.value_or(QString()), this))
    , m_model(new QLineEdit(filter.model.value_or(QString()), this))
    , m_path(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Export snapshot"));
    m_user->setPlaceholderText(tr("all users"));
    m_model->setPlaceholderText(tr("all models"));
    m_path->setAccessibleName(tr("Snapshot file"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(m_whole);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&File:"), pathRow);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Export progress"));
    m_status->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    m_export->setDefault(true);

    connect(m_whole, &QCheckBox::toggled, this, [this](bool whole) {
        for (QWidget* w : std::initializer_list<QWidget*> { m_from, m_to, m_user, m_model })
            w->setEnabled(!whole);
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export snapshot"), m_path->text(), tr("SQLite snapshots (*.sqlite)"));
        if (!path.isEmpty())
            setPath(path);
    });
    connect(m_export, &QPushButton::clicked, this, &SnapshotExportDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (isRunning()) {
            m_status->setText(tr("Cancelling…"));
            m_watcher.cancel();
        } else {
            reject();
        }
    });
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::progressTextChanged, m_status, &QLabel::setText);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SnapshotExportDialog::finish);
}

SnapshotExportDialog::~SnapshotExportDialog()
{
    m_watcher.cancel();
}

void SnapshotExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
}

std::optional<Filter> SnapshotExportDialog::window() const
{
    if (m_whole->isChecked())
        return std::nullopt;
    Filter f { m_from->dateTime().toUTC(), m_to->dateTime().toUTC(), {}, {} };
    if (!m_user->text().trimmed().isEmpty())
        f.user = m_user->text().trimmed();
    if (!m_model->text().trimmed().isEmpty())
        f.model = m_model->text().trimmed();
    return f;
}

void SnapshotExportDialog::setRunning(bool running)
{
    m_export->setEnabled(!running);
    m_cancel->setText(running ? tr("Cancel") : tr("Close"));
}

void SnapshotExportDialog::start()
{
    const QString path = m_path->text().trimmed();
    const std::optional<Filter> w = window();
    if (path.isEmpty()) {
        m_status->setText(tr("Choose the file to write."));
        return;
    }
    if (w && w->from >= w->to) {
        m_status->setText(tr("The window must end after it starts."));
        return;
    }
    setRunning(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Counting rows…"));
    m_watcher.setFuture(QtConcurrent::run(
        dbThreadPool(), [store = m_store, path, w](QPromise<Result<SnapshotSummary>>& promise) {
            QElapsedTimer clock;
            clock.start();
            promise.addResult(SnapshotExporter::exportTo(store, path, w, [&](const ExportProgress& p) {
                promise.setProgressRange(0, clamped(p.total));
                promise.setProgressValueAndText(clamped(p.done), ProgressMeter(p, clock.elapsed()).text());
                return !promise.isCanceled();
            }));
        }));
}

void SnapshotExportDialog::finish()
{
    setRunning(false);
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_status->setText(tr("Cancelled: no file was written."));
        emit cancelled();
        return;
    }
    const Result<SnapshotSummary> result = m_watcher.result();
    if (!result.ok()) {
        m_status->setText(tr("Export failed: %1").arg(result.error().message));
        emit failed(result.error().message);
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(tr("Snapshot written: %1 interactions, %2 feedbacks, %3 reviews%4.")
                          .arg(result->interactions)
                          .arg(result->feedbacks)
                          .arg(result->reviews)
                          .arg(result->rollups ? tr(", with rollups") : QString()));
    emit exported(result->interactions);
}

} // namespace RagScope
