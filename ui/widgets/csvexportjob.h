#pragma once

#include "base/error.h"
#include "export/csvfile.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QPromise>

class QWidget;

namespace RagScope {

/// Runs one long CSV export on a database thread with a progress dialog (rows done of total)
/// and Cancel. The GUI thread never waits: progress and the outcome come back through a
/// QFutureWatcher. A cancelled export leaves no file; so does closing the owner mid-way.
class CsvExportJob : public QObject
{
    Q_OBJECT
public:
    /// The export itself; it runs off the GUI thread and must honour the control.
    using Work = std::function<Result<CsvExportSummary>(const CsvExportControl& control)>;

    /// Starts `work` at once; the job belongs to `parent` and deletes itself when done.
    CsvExportJob(Work work, const QString& path, QWidget* parent);
    ~CsvExportJob() override;

    /// Cancel and rows-done progress of an export running under `promise`.
    static CsvExportControl controlFor(QPromise<Result<CsvExportSummary>>& promise);

    QString path() const { return m_path; }
    QProgressDialog* dialog() const { return m_dialog; }

signals:
    void succeeded(qint64 rows);
    void cancelled();
    void failed(const RagScope::Error& error);

private:
    void finish();

    QString m_path;
    QFutureWatcher<Result<CsvExportSummary>> m_watcher;
    QPointer<QProgressDialog> m_dialog;
};

} // namespace RagScope
