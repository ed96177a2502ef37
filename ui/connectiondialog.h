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
class ProfilePasswords;

/// Asks for a PostgreSQL store (fields or a URL), tests the connection off the GUI thread and
/// remembers the profile without its password; the password may go to the desktop keyring or
/// ~/.pgpass on request, and a profile picked again gets it back from the keyring.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget* parent = nullptr);

    /// What the fields describe (with the typed password, for opening now).
    StoreLocation location() const;
    /// Shows `location` with the write store and reviewer remembered for it; without a password in
    /// `location`, the one saved for it in the keyring fills in when the keyring answers.
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
    /// The keyring's answer to accept(): close on success, else say why and change nothing.
    void passwordStored(bool ok, const QString& error);
    /// Writes ~/.pgpass (if asked), remembers the profile and closes.
    void saveAndClose();

    QComboBox* m_profiles;
    QLineEdit* m_url;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QComboBox* m_sslMode;
    QCheckBox* m_savePassword;
    QCheckBox* m_rememberPassword;
    QLineEdit* m_writeUrl;
    QLineEdit* m_reviewer;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    LatestJob* m_testJob;
    ProfilePasswords* m_passwords;
    /// The last location set: keeps what the fields do not show (libpq options, a port list).
    StoreLocation m_base;
};

} // namespace RagScope
