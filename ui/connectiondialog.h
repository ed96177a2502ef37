#pragma once

#include "store/storelocation.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace RagScope {

class LatestJob;

/// Asks for a PostgreSQL store (fields or a URL), tests the connection off the GUI thread and
/// remembers the profile without its password; the password may go to ~/.pgpass on request.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget* parent = nullptr);

    /// What the fields describe (with the typed password, for opening now).
    StoreLocation location() const;
    /// Shows `location`, with the write store remembered for it.
    void setLocation(const StoreLocation& location);
    /// The write store typed for a read replica (its primary), or std::nullopt for none; an
    /// error if the text is not a PostgreSQL URL.
    Result<std::optional<StoreLocation>> writeLocation() const;
    /// Shows a message above the buttons (e.g. why opening failed).
    void setStatus(const QString& message);
    QString status() const;

    /// Starts a test connection; testFinished() reports the outcome.
    void testConnection();
    void accept() override;

signals:
    void testFinished(bool ok, const QString& message);

private:
    void applyUrl();
    void setFields(const StoreLocation& location);

    QComboBox* m_profiles;
    QLineEdit* m_url;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QComboBox* m_sslMode;
    QCheckBox* m_savePassword;
    QLineEdit* m_writeUrl;
    QLineEdit* m_reviewer;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    LatestJob* m_testJob;
    /// The last location set: keeps what the fields do not show (libpq options, a port list).
    StoreLocation m_base;
};

} // namespace RagScope
