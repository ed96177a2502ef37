#pragma once

#include "export/csvfile.h"
#include "review/reviewtypes.h"
#include "store/store.h"
#include "widgets/exportrunpanel.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace RagScope {

class LatestJob;

/// File → Export reviews… (and Export… in the Queues dialog): reviewed interactions as a
/// dataset (ReviewDataset) — every one with a review in force, or one saved queue's — in JSON
/// Lines or CSV. The export runs on a database thread with a progress bar and Cancel; the file
/// is replaced only when complete, so a cancelled or failed export leaves none.
class ReviewExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// `queueName` preselects that saved queue (empty: all reviewed interactions).
    ReviewExportDialog(StorePtr store, const QString& queueName = {}, QWidget* parent = nullptr);
    /// Closing mid-export cancels it.
    ~ReviewExportDialog() override;
    /// Opens a dialog that deletes itself when closed (the File menu, the Queues dialog).
    static ReviewExportDialog* openFor(StorePtr store, const QString& queueName, QWidget* parent);

    void setPath(const QString& path);
    /// What the Export button does.
    void start();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Whether the saved queues are still loading.
    bool isLoading() const;

    QComboBox* queuePicker() const { return m_queue; }
    QComboBox* formatPicker() const { return m_format; }
    QProgressBar* progressBar() const { return m_run->progressBar(); }
    QLabel* statusLabel() const { return m_run->statusLabel(); }
    QPushButton* exportButton() const { return m_run->exportButton(); }
    QPushButton* cancelButton() const { return m_run->cancelButton(); }

signals:
    void queuesLoaded();
    void exported(qint64 rows);
    void cancelled();
    void failed(const QString& message);

private:
    void loadQueues(const QString& select);
    void formatChanged();
    void finish();
    void setInputsEnabled(bool enabled);

    StorePtr m_store;
    QList<SavedQueue> m_queues;
    LatestJob* m_listJob;
    QComboBox* m_queue;
    QComboBox* m_format;
    QLineEdit* m_path;
    QFutureWatcher<Result<CsvExportSummary>> m_watcher; ///< before m_run, which follows it
    ExportRunPanel* m_run;
};

} // namespace RagScope
