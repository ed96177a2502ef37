#include "connectiondialog.h"

#include "connectionprofiles.h"
#include "jobs/latestjob.h"
#include "keyring/profilepasswords.h"
#include "pgpassfile.h"
#include "replica/replicapair.h"
#include "store/store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace RagScope {

namespace {
const QString kSslMode = QStringLiteral("sslmode");
} // namespace

ConnectionDialog::ConnectionDialog(QWidget* parent)
    : QDialog(parent)
    , m_profiles(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_savePassword(new QCheckBox(tr("Save password to ~/.pgpass"), this))
    , m_rememberPassword(new QCheckBox(tr("&Remember password in the desktop keyring"), this))
    , m_writeUrl(new QLineEdit(this))
    , m_reviewer(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
    , m_testJob(new LatestJob(this))
    , m_passwords(new ProfilePasswords(this))
{
    setWindowTitle(tr("Open PostgreSQL store"));
    const std::initializer_list<std::pair<QWidget*, const char*>> names { { m_profiles, "profile" },
        { m_url, "url" }, { m_host, "host" }, { m_port, "port" }, { m_database, "database" },
        { m_user, "user" }, { m_password, "password" }, { m_sslMode, "sslmode" },
        { m_savePassword, "savePassword" }, { m_rememberPassword, "rememberPassword" },
        { m_writeUrl, "writeUrl" }, { m_reviewer, "reviewer" } };
    for (const auto& [widget, name] : names)
        widget->setObjectName(QLatin1String(name));

    m_profiles->addItem(tr("New connection"));
    const QList<StoreLocation> profiles = ConnectionProfiles::profiles();
    for (const StoreLocation& profile : profiles)
        m_profiles->addItem(profile.displayName(), profile.urlWithoutPassword());

    m_url->setPlaceholderText(tr("postgresql://user@host:5432/database?sslmode=require"));
    m_url->setClearButtonEnabled(true);
    m_host->setPlaceholderText(tr("PGHOST or local socket"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Default"));
    m_user->setPlaceholderText(tr("PGUSER or your login name"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("~/.pgpass or PGPASSWORD if empty"));
    m_sslMode->addItem(tr("Default (libpq)"));
    for (const char* mode : { "disable", "allow", "prefer", "require", "verify-ca", "verify-full" })
        m_sslMode->addItem(QLatin1String(mode), QLatin1String(mode));
    m_savePassword->setToolTip(tr("RagScope never keeps passwords in its settings. libpq reads ~/.pgpass "
                                  "(written with permissions 0600) on the next connection."));
    m_rememberPassword->setToolTip(
        tr("Kept by the desktop's secret service (GNOME Keyring, KWallet), "
           "never in RagScope's settings; filled in when this profile is picked."));
    m_writeUrl->setPlaceholderText(tr("Optional: the primary, when this is a read replica"));
    m_writeUrl->setClearButtonEnabled(true);
    m_writeUrl->setToolTip(tr("Reviews and feedback are saved here; the dashboard reads from the store "
                              "above. Its password comes from ~/.pgpass, a service file or PGPASSWORD."));
    m_reviewer->setPlaceholderText(tr("Optional: defaults to the database role"));
    m_reviewer->setMaxLength(255);
    m_reviewer->setToolTip(tr("The name your reviews and queue claims are saved under with this profile"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Profile:"), m_profiles);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("U&ser:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_rememberPassword);
    form->addRow(QString(), m_savePassword);
    form->addRow(tr("SS&L mode:"), m_sslMode);
    form->addRow(tr("&Write store:"), m_writeUrl);
    form->addRow(tr("&Reviewer:"), m_reviewer);

    auto* test = m_buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    test->setObjectName(QStringLiteral("testButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64); // room for a whole URL at any font size

    connect(m_profiles, &QComboBox::activated, this, [this](int index) {
        const auto location = StoreLocation::parse(m_profiles->itemData(index).toString());
        if (index > 0 && location.ok())
            setLocation(location.value());
    });
    connect(m_passwords, &ProfilePasswords::found, this, [this](const QString& url, const QString& password) {
        // Only if the fields still show that profile and nothing was typed meanwhile.
        if (m_password->text().isEmpty() && location().urlWithoutPassword() == url) {
            m_password->setText(password);
            m_rememberPassword->setChecked(true);
        }
    });
    connect(m_passwords, &ProfilePasswords::stored, this, &ConnectionDialog::passwordStored);
    connect(m_url, &QLineEdit::editingFinished, this, &ConnectionDialog::applyUrl);
    connect(test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_testJob, &LatestJob::busyChanged, test, &QWidget::setDisabled);
}

StoreLocation ConnectionDialog::location() const
{
    StoreLocation location = m_base;
    location.dialect = Dialect::Postgres;
    location.host = m_host->text().trimmed();
    if (m_port->value() > 0)
        location.port = QString::number(m_port->value());
    else if (!location.port.contains(QLatin1Char(','))) // a port list shows as "Default" and stays
        location.port.clear();
    location.database = m_database->text().trimmed();
    location.user = m_user->text().trimmed();
    location.password = m_password->text();
    if (m_sslMode->currentIndex() > 0)
        location.options.insert(kSslMode, m_sslMode->currentData().toString());
    else if (m_sslMode->findData(location.options.value(kSslMode)) > 0)
        location.options.remove(kSslMode);
    return location;
}

void ConnectionDialog::setLocation(const StoreLocation& location)
{
    setFields(location);
    const auto writeTo = ConnectionProfiles::writeStore(location);
    m_writeUrl->setText(writeTo ? writeTo->urlWithoutPassword() : QString());
    m_reviewer->setText(ConnectionProfiles::reviewer(location));
    // A saved profile's password comes from the keyring when the location has none: picked from
    // the list, or a recent store whose open failed for want of a password.
    if (location.password.isEmpty())
        m_passwords->lookUp(location);
}

void ConnectionDialog::setFields(const StoreLocation& location)
{
    m_base = location;
    m_host->setText(location.host);
    m_port->setValue(location.port.toInt()); // 0 ("Default") for none or a list
    m_database->setText(location.database);
    m_user->setText(location.user);
    m_password->setText(location.password);
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(location.options.value(kSslMode))));
}

Result<std::optional<StoreLocation>> ConnectionDialog::writeLocation() const
{
    const QString text = m_writeUrl->text().trimmed();
    if (text.isEmpty())
        return std::optional<StoreLocation>();
    RAGSCOPE_TRY(parsed, StoreLocation::parse(text));
    if (parsed.dialect != Dialect::Postgres)
        return makeError(
            ErrorKind::InvalidInput, tr("The write store must be a PostgreSQL server (the primary)."));
    return std::optional<StoreLocation>(parsed);
}

void ConnectionDialog::setStatus(const QString& message)
{
    m_status->setText(message);
}

QString ConnectionDialog::status() const
{
    return m_status->text();
}

void ConnectionDialog::applyUrl()
{
    const QString text = m_url->text().trimmed();
    if (text.isEmpty())
        return;
    const auto parsed = StoreLocation::parse(text);
    if (!parsed.ok()) {
        setStatus(parsed.error().message);
        return;
    }
    if (parsed->dialect != Dialect::Postgres) {
        setStatus(tr("This is a SQLite snapshot; open it with File › Open snapshot…"));
        return;
    }
    setFields(parsed.value()); // the write store typed beside it stays
    m_url->clear(); // the fields now hold it (a password in the URL stays out of sight)
    setStatus(QString());
}

void ConnectionDialog::testConnection()
{
    applyUrl();
    const auto writeTo = writeLocation();
    if (!writeTo.ok()) {
        setStatus(writeTo.error().message);
        emit testFinished(false, writeTo.error().message);
        return;
    }
    setStatus(tr("Connecting to %1…").arg(location().displayName()));
    const StoreLocation target = location();
    // Opened as the app would (for writing, if the role may) but without migrating: a test
    // writes nothing.
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    m_testJob->start(
        [target, writeTo = writeTo.value(), options]() -> Result<StorePtr> {
            if (writeTo)
                return ReplicaPair::open(target, *writeTo, options);
            RAGSCOPE_TRY(store, Store::open(target, options));
            return StorePtr(store);
        },
        [this](const Result<StorePtr>& store) {
            QString message;
            bool ok = store.ok();
            if (ok && store.value()->writer() != store.value())
                message = tr("Connected: reads here, writes to %1.")
                              .arg(store.value()->writer()->location().displayName());
            else if (ok && store.value()->isReadOnly())
                message = tr("Connected (read-only: %1).").arg(store.value()->readOnlyReason());
            else if (ok)
                message = tr("Connected.");
            else if (store.error().kind == ErrorKind::MissingSchema) {
                ok = true;
                message = tr("Connected. The monitoring tables are missing; RagScope creates "
                             "them when it opens the store.");
            } else {
                message = store.error().message;
            }
            setStatus(message);
            emit testFinished(ok, message);
        });
}

void ConnectionDialog::accept()
{
    applyUrl();
    const StoreLocation chosen = location();
    if (chosen.database.isEmpty() && qEnvironmentVariableIsEmpty("PGDATABASE")) {
        setStatus(tr("Enter a database name."));
        return;
    }
    const auto writeTo = writeLocation();
    if (!writeTo.ok()) {
        setStatus(writeTo.error().message);
        return;
    }
    if (m_rememberPassword->isChecked() && !chosen.password.isEmpty()) {
        // The keyring answers asynchronously; the dialog waits for it without blocking.
        setEnabled(false);
        setStatus(tr("Saving the password in the desktop keyring…"));
        m_passwords->store(chosen);
        return;
    }
    saveAndClose();
}

void ConnectionDialog::passwordStored(bool ok, const QString& error)
{
    setEnabled(true);
    if (!ok) {
        setStatus(error);
        return;
    }
    setStatus(QString());
    saveAndClose();
}

void ConnectionDialog::saveAndClose()
{
    const StoreLocation chosen = location();
    if (m_savePassword->isChecked() && !chosen.password.isEmpty()) {
        const Status saved = PgPassFile::save(chosen);
        if (!saved.ok()) {
            setStatus(saved.error().message);
            return;
        }
    }
    ConnectionProfiles::saveProfile(chosen);
    ConnectionProfiles::setWriteStore(chosen, writeLocation().value());
    ConnectionProfiles::setReviewer(chosen, m_reviewer->text());
    QDialog::accept();
}

} // namespace RagScope
