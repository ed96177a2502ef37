#pragma once

#include "snapshot/reviewpusher.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace RagScope {

/// File → Push reviews…: pick a snapshot, see what would change in the open store (reviews to
/// add, already there, skipped because their interaction was deleted, reviewed on both sides),
/// then push in one transaction. A store the snapshot did not come from needs "Push anyway".
class PushReviewsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PushReviewsDialog(StorePtr store, QWidget* parent = nullptr);
    /// Opens one window-modal, deleted on close.
    static PushReviewsDialog* openFor(StorePtr store, QWidget* parent);
    ~PushReviewsDialog() override;

    /// Sets the snapshot file and computes the preview.
    void setSnapshotPath(const QString& path);
    /// What the Push button does.
    void push();

    QPlainTextEdit* previewText() const { return m_preview; }
    QPushButton* pushButton() const { return m_push; }
    QCheckBox* forceBox() const { return m_force; }

signals:
    void previewReady();
    void pushed(int added);
    void failed(const QString& message);

private:
    void run(bool apply);
    void finish();
    static QString describe(const ReviewPush& push);

    StorePtr m_store;
    QLineEdit* m_path;
    QPlainTextEdit* m_preview;
    QCheckBox* m_force;
    QLabel* m_status;
    QPushButton* m_push;
    bool m_applying = false;
    QFutureWatcher<Result<ReviewPush>> m_watcher;
};

} // namespace RagScope
