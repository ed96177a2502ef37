#pragma once

#include "metrics/filter.h"
#include "snapshot/snapshotexporter.h"
#include "widgets/exportrunpanel.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace RagScope {

/// File → Export snapshot…: window and filters prefilled from the filter bar and editable, the
/// target file, then a progress bar with rows done / total, rate and time left, and Cancel.
/// The export runs on a database thread; a cancelled or failed export leaves no file.
class SnapshotExportDialog : public QDialog
{
    Q_OBJECT
public:
    SnapshotExportDialog(StorePtr store, const Filter& filter, QWidget* parent = nullptr);
    /// Opens one window-modal, deleted on close, its target a dated file in Documents.
    static SnapshotExportDialog* openFor(StorePtr store, const Filter& filter, QWidget* parent);
    /// Closing mid-export cancels it (the worker removes its temporary file).
    ~SnapshotExportDialog() override;

    void setPath(const QString& path);
    /// What the Export button does.
    void start();
    bool isRunning() const { return m_watcher.isRunning(); }

    QProgressBar* progressBar() const { return m_run->progressBar(); }
    QLabel* statusLabel() const { return m_run->statusLabel(); }
    QPushButton* exportButton() const { return m_run->exportButton(); }
    QPushButton* cancelButton() const { return m_run->cancelButton(); }

signals:
    void exported(qint64 interactions);
    void cancelled();
    void failed(const QString& message);

private:
    std::optional<Filter> window() const;
    void finish();

    StorePtr m_store;
    QCheckBox* m_whole;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QLineEdit* m_user;
    QLineEdit* m_model;
    QLineEdit* m_path;
    QFutureWatcher<Result<SnapshotSummary>> m_watcher; ///< before m_run, which follows it
    ExportRunPanel* m_run;
};

} // namespace RagScope
