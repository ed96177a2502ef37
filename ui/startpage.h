#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace RagScope {

/// Shown while no store is open: recent stores and the three ways to open one.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    void setRecentStores(const QStringList& urls);
    /// A message under the buttons (an error, or "Opening …").
    void setStatus(const QString& message);
    QString status() const;
    /// Shows a progress bar (total 0: busy without a known end; total < 0: hides it).
    void setProgress(qint64 done, qint64 total);

signals:
    void openRecentRequested(const QString& url);
    void openPostgresRequested();
    void openSnapshotRequested();
    void openDemoRequested();

private:
    QListWidget* m_recent;
    QLabel* m_recentTitle;
    QLabel* m_status;
    QProgressBar* m_progress;
};

} // namespace RagScope
