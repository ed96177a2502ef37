#pragma once

#include <QWidget>

class QDialog;
class QFutureWatcherBase;
class QLabel;
class QProgressBar;
class QPushButton;

namespace RagScope {

/// The lower half of an export dialog: a progress bar following the watched job, a status line,
/// and Export / Cancel. Cancel cancels a running job ("Cancelling…") and closes the dialog
/// otherwise (it reads "Close" then).
class ExportRunPanel : public QWidget
{
    Q_OBJECT
public:
    ExportRunPanel(QDialog* dialog, QFutureWatcherBase* watcher);

    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* cancelButton() const { return m_cancel; }

    /// A job starts: Export off, Cancel on, a busy bar until the job sets its range.
    void begin(const QString& status);
    /// The job ended: Export on, Close; the bar empty (nothing written) or full.
    void end(bool written, const QString& status);

signals:
    void exportRequested();

private:
    QFutureWatcherBase* m_watcher;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_cancel;
};

} // namespace RagScope
