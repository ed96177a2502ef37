#include "snapshotexportdialog.h"
#include "i18n/localetime.h"

#include "jobs/dbthreadpool.h"
#include "jobs/promiseprogress.h"
#include "widgets/exportrunpanel.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPromise>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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

} // namespace

SnapshotExportDialog* SnapshotExportDialog::openFor(StorePtr store, const Filter& filter, QWidget* parent)
{
    auto* dialog = new SnapshotExportDialog(std::move(store), filter, parent);
    dialog->setObjectName(QStringLiteral("snapshotExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPath(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .filePath(QStringLiteral("ragscope-snapshot-%1.sqlite")
                                      .arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd")))));
    dialog->open();
    return dialog;
}

SnapshotExportDialog::SnapshotExportDialog(StorePtr store, const Filter& filter, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_whole(new QCheckBox(tr("The whole store (ignore window and filters)"), this))
    , m_from(timeEdit(filter.from, this))
    , m_to(timeEdit(filter.to, this))
    , m_user(new QLineEdit(filter.user.value_or(QString()), this))
    , m_model(new QLineEdit(filter.model.value_or(QString()), this))
    , m_path(new QLineEdit(this))
    , m_run(new ExportRunPanel(this, &m_watcher))
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
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run);

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
    connect(m_run, &ExportRunPanel::exportRequested, this, &SnapshotExportDialog::start);
    connect(&m_watcher, &QFutureWatcherBase::progressTextChanged, m_run->statusLabel(), &QLabel::setText);
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

void SnapshotExportDialog::start()
{
    const QString path = m_path->text().trimmed();
    const std::optional<Filter> w = window();
    if (path.isEmpty()) {
        m_run->statusLabel()->setText(tr("Choose the file to write."));
        return;
    }
    if (w && w->from >= w->to) {
        m_run->statusLabel()->setText(tr("The window must end after it starts."));
        return;
    }
    m_run->begin(tr("Counting rows…"));
    m_watcher.setFuture(QtConcurrent::run(
        dbThreadPool(), [store = m_store, path, w](QPromise<Result<SnapshotSummary>>& promise) {
            QElapsedTimer clock;
            clock.start();
            promise.addResult(SnapshotExporter::exportTo(store, path, w, [&](const ExportProgress& p) {
                reportRows(promise, p.done, p.total, ProgressMeter(p, clock.elapsed()).text());
                return !promise.isCanceled();
            }));
        }));
}

void SnapshotExportDialog::finish()
{
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        m_run->end(false, tr("Cancelled: no file was written."));
        emit cancelled();
        return;
    }
    const Result<SnapshotSummary> result = m_watcher.result();
    if (!result.ok()) {
        m_run->end(false, tr("Export failed: %1").arg(result.error().message));
        emit failed(result.error().message);
        return;
    }
    m_run->end(true,
        tr("Snapshot written: %1 interactions, %2 feedbacks, %3 reviews%4.")
            .arg(result->interactions)
            .arg(result->feedbacks)
            .arg(result->reviews)
            .arg(result->rollups ? tr(", with rollups") : QString()));
    emit exported(result->interactions);
}

} // namespace RagScope
