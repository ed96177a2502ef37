// Saved profiles' passwords in the desktop keyring, against a real Secret Service (GNOME Keyring
// in a private D-Bus session: tests/support/keyring-session.sh) and with no keyring at all (no
// session bus). CTest runs one function per case: tst_keyring_secretservice, tst_keyring_unreachable.
#include "connectiondialog.h"
#include "connectionprofiles.h"
#include "guitest.h"
#include "keyring/profilepasswords.h"
#include "pgpassfile.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

namespace {

template <typename W> W* field(QDialog& dialog, const char* name)
{
    auto* widget = dialog.findChild<W*>(QLatin1String(name));
    if (!widget)
        qFatal("no field %s", name);
    return widget;
}

QByteArray settingsBytes()
{
    QSettings().sync();
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// What the Secret Service holds for RagScope, read with libsecret's own tool (not QtKeychain,
/// whose schema keeps the service as "server" and the key as "user").
QByteArray secretServiceEntries()
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
        { QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("--unlock"),
            QStringLiteral("server"), ProfilePasswords::service() });
    if (!tool.waitForFinished(20000))
        qFatal("secret-tool did not answer (apt-get install libsecret-tools)");
    return tool.readAllStandardOutput() + tool.readAllStandardError();
}

} // namespace

class TestKeyring : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rememberedPasswordLivesInTheKeyring();
    void unreachableKeyringSavesNothing();

private:
    QTemporaryDir m_dir;
};

void TestKeyring::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-keyring"));
    // Neither ~/.pgpass nor PGPASSWORD may supply the password: only the keyring can.
    qputenv("PGPASSFILE", m_dir.filePath(QStringLiteral("pgpass")).toLocal8Bit());
    qunsetenv("PGPASSWORD");
    QSettings().clear();
}

void TestKeyring::rememberedPasswordLivesInTheKeyring()
{
    Test::TestDatabase db(Dialect::Postgres);
    db.open();
    const StoreLocation location = StoreLocation::parse(db.url()).value();
    QVERIFY(!location.password.isEmpty());
    {
        ConnectionDialog dialog;
        dialog.setLocation(location);
        field<QCheckBox>(dialog, "rememberPassword")->setChecked(true);
        dialog.accept(); // returns at once; the keyring answers later
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
    }
    const QByteArray stored = settingsBytes();
    QVERIFY(stored.contains(location.database.toUtf8()));
    QVERIFY(!stored.contains(location.password.toUtf8()));
    QVERIFY(!QFile::exists(PgPassFile::path()));
    const QByteArray entries = secretServiceEntries();
    QVERIFY2(
        entries.contains(QByteArray("secret = ").append(location.password.toUtf8())), entries.constData());
    QVERIFY2(entries.contains(location.urlWithoutPassword().toUtf8()), entries.constData());

    // Picking the profile again fills the password in from the keyring, and it connects.
    ConnectionDialog next;
    auto* profiles = field<QComboBox>(next, "profile");
    QCOMPARE(profiles->count(), 2);
    profiles->setCurrentIndex(1);
    emit profiles->activated(1);
    QTRY_COMPARE_WITH_TIMEOUT(field<QLineEdit>(next, "password")->text(), location.password, 20000);
    QVERIFY(field<QCheckBox>(next, "rememberPassword")->isChecked());
    QSignalSpy finished(&next, &ConnectionDialog::testFinished);
    next.testConnection();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(next.status()));
    QCOMPARE(next.status(), QStringLiteral("Connected."));

    // A recent store opened without its password (the main window asks again with the location
    // it tried): the dialog fills the password in from the keyring.
    StoreLocation withoutPassword = location;
    withoutPassword.password.clear();
    ConnectionDialog again;
    again.setLocation(withoutPassword);
    QTRY_COMPARE_WITH_TIMEOUT(field<QLineEdit>(again, "password")->text(), location.password, 20000);
}

void TestKeyring::unreachableKeyringSavesNothing()
{
    const QByteArray before = settingsBytes();
    ConnectionDialog dialog;
    dialog.setLocation(
        StoreLocation::parse(QStringLiteral("postgresql://frank:No-Keyring-9@pg.example/rag")).value());
    field<QCheckBox>(dialog, "rememberPassword")->setChecked(true);
    dialog.accept();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isEnabled(), 20000); // the keyring's answer came
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    QVERIFY2(dialog.status().startsWith(QStringLiteral("The desktop keyring is not available")),
        qPrintable(dialog.status()));
    QVERIFY(!dialog.status().contains(QLatin1Char('\n')));
    QVERIFY(!dialog.status().contains(QStringLiteral("No-Keyring-9")));
    QCOMPARE(settingsBytes(), before);
    QVERIFY(ConnectionProfiles::profiles().isEmpty());
    QVERIFY(!QFile::exists(PgPassFile::path()));
}

QTEST_MAIN(TestKeyring)
#include "tst_keyring.moc"
