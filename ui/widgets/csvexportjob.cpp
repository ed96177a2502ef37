#include "csvexportjob.h"

#include "jobs/dbthreadpool.h"
#include "jobs/promiseprogress.h"

#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace RagScope {

CsvExportJob::CsvExportJob(Work work, const QString& path, QWidget* parent)
    : QObject(parent)
    , m_path(path)
    , m_dialog(new QProgressDialog(parent))
{
    m_dialog->setWindowTitle(tr("Export CSV"));
    m_dialog->setLabelText(tr("Counting rows…"));
    m_dialog->setRange(0, 0);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setAccessibleName(tr("CSV export progress"));
    connect(m_dialog, &QProgressDialog::canceled, &m_watcher, &QFutureWatcherBase::cancel);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, m_dialog, &QProgressDialog::setRange);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_dialog, [this](int done) {
        m_dialog->setValue(done);
        m_dialog->setLabelText(tr("%1 of %2 rows written")
                                   .arg(QLocale().toString(done), QLocale().toString(m_dialog->maximum())));
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CsvExportJob::finish);

    m_watcher.setFuture(QtConcurrent::run(
        dbThreadPool(), [work = std::move(work)](QPromise<Result<CsvExportSummary>>& promise) {
            promise.addResult(work(controlFor(promise)));
        }));
}

CsvExportControl CsvExportJob::controlFor(QPromise<Result<CsvExportSummary>>& promise)
{
    CsvExportControl control;
    control.isCancelled = [&promise] { return promise.isCanceled(); };
    control.progress = [&promise](qint64 done, qint64 total) { reportRows(promise, done, total); };
    return control;
}

CsvExportJob::~CsvExportJob()
{
    // The worker stops at its next page and removes its temporary file.
    m_watcher.cancel();
    delete m_dialog;
}

void CsvExportJob::finish()
{
    m_dialog->reset();
    m_dialog->hide();
    deleteLater();
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        emit cancelled();
        return;
    }
    const Result<CsvExportSummary> result = m_watcher.result();
    if (!result.ok()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), result.error().message,
            QMessageBox::Ok, qobject_cast<QWidget*>(parent()));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        emit failed(result.error());
    } else if (result->cancelled) {
        emit cancelled();
    } else {
        emit succeeded(result->rows);
    }
}

} // namespace RagScope
