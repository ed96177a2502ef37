#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace RagScope {

/// A strip above the pages that reports a store error with a Retry button; the pages behind it
/// keep their last data.
class Banner : public QFrame
{
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);

    /// Shows `message`; `retryable` shows the Retry button.
    void showMessage(const QString& message, bool retryable = true);
    QString message() const;
    QPushButton* retryButton() const { return m_retry; }

signals:
    void retryRequested();

private:
    QLabel* m_icon;
    QLabel* m_text;
    QPushButton* m_retry;
};

} // namespace RagScope
