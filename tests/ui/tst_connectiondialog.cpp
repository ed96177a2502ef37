#include "connectiondialog.h"
#include "connectionprofiles.h"
#include "guitest.h"
#include "pgpassfile.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace RagScope;
using Options = QMap<QString, QString>;

namespace {

template <typename W> W* field(QDialog& dialog, const char* name)
{
    auto* widget = dialog.findChild<W*>(QLatin1String(name));
    if (!widget)
        qFatal("no field %s", name);
    return widget;
}

void type(QDialog& dialog, const char* name, const QString& text)
{
    QLineEdit* edit = field<QLineEdit>(dialog, name);
    edit->clear();
    QTest::keyClicks(edit, text);
}

QByteArray settingsBytes()
{
    QSettings().sync();
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void buildsLocationFromFields_data();
    void buildsLocationFromFields();
    void pastedUrlFillsTheFields();
    void keepsLibpqOptionsTheFieldsDoNotShow();
    void acceptRemembersProfileWithoutPassword();
    void savePasswordWritesPgpassLineWithMode0600();
    void savingAgainReplacesThePgpassLine();
    void testConnectionReportsSuccess();
    void testConnectionReportsRefusedPassword();

private:
    QTemporaryDir m_dir;
};

void TestConnectionDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-connectiondialog"));
    qputenv("PGPASSFILE", m_dir.filePath(QStringLiteral("pgpass")).toLocal8Bit());
}

void TestConnectionDialog::init()
{
    QSettings().clear();
    QFile::remove(PgPassFile::path());
}

void TestConnectionDialog::buildsLocationFromFields_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("display");
    QTest::newRow("all fields") << QStringLiteral("db.example") << 6543 << QStringLiteral("rag")
                                << QStringLiteral("alice") << QStringLiteral("require")
                                << QStringLiteral("postgresql://alice@db.example:6543/rag?sslmode=require");
    QTest::newRow("default port and ssl")
        << QStringLiteral("10.0.0.5") << 0 << QStringLiteral("metrics") << QStringLiteral("bob") << QString()
        << QStringLiteral("postgresql://bob@10.0.0.5/metrics");
}

void TestConnectionDialog::buildsLocationFromFields()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, sslmode);
    QFETCH(QString, display);
    ConnectionDialog dialog;
    type(dialog, "host", host);
    field<QSpinBox>(dialog, "port")->setValue(port);
    type(dialog, "database", database);
    type(dialog, "user", user);
    type(dialog, "password", QStringLiteral("p:w"));
    auto* ssl = field<QComboBox>(dialog, "sslmode");
    ssl->setCurrentIndex(sslmode.isEmpty() ? 0 : ssl->findData(sslmode));

    const StoreLocation location = dialog.location();
    QCOMPARE(location.dialect, Dialect::Postgres);
    QCOMPARE(location.host, host);
    QCOMPARE(location.port, port > 0 ? QString::number(port) : QString());
    QCOMPARE(location.database, database);
    QCOMPARE(location.user, user);
    QCOMPARE(location.password, QStringLiteral("p:w"));
    QCOMPARE(location.options,
        (sslmode.isEmpty() ? Options() : Options { { QStringLiteral("sslmode"), sslmode } }));
    QCOMPARE(location.displayName(), display);
}

void TestConnectionDialog::pastedUrlFillsTheFields()
{
    ConnectionDialog dialog;
    type(dialog, "url",
        QStringLiteral(
            "postgresql://carol:s%40cret@pg.example:5433/rag?sslmode=verify-full&connect_timeout=5"));
    emit field<QLineEdit>(dialog, "url")->editingFinished();
    QCOMPARE(field<QLineEdit>(dialog, "host")->text(), QStringLiteral("pg.example"));
    QCOMPARE(field<QSpinBox>(dialog, "port")->value(), 5433);
    QCOMPARE(field<QLineEdit>(dialog, "user")->text(), QStringLiteral("carol"));
    QCOMPARE(field<QLineEdit>(dialog, "password")->text(), QStringLiteral("s@cret"));
    QCOMPARE(field<QComboBox>(dialog, "sslmode")->currentData().toString(), QStringLiteral("verify-full"));
    QVERIFY(field<QLineEdit>(dialog, "url")->text().isEmpty());
    const StoreLocation location = dialog.location();
    QCOMPARE(location.options,
        (Options { { QStringLiteral("sslmode"), QStringLiteral("verify-full") },
            { QStringLiteral("connect_timeout"), QStringLiteral("5") } }));
}

// What the fields do not show (a host and port list, libpq options, an SSL key password) stays in
// the location, and only the password-free part is remembered.
void TestConnectionDialog::keepsLibpqOptionsTheFieldsDoNotShow()
{
    {
        ConnectionDialog dialog;
        type(dialog, "url",
            QStringLiteral("postgresql://carol:Sup3rSecret@h1:5432,h2:5433/rag"
                           "?target_session_attrs=read-write&sslpassword=KeyS3cret&sslmode=require"));
        emit field<QLineEdit>(dialog, "url")->editingFinished();
        QCOMPARE(field<QLineEdit>(dialog, "host")->text(), QStringLiteral("h1,h2"));
        QCOMPARE(field<QSpinBox>(dialog, "port")->value(), 0);
        QCOMPARE(field<QComboBox>(dialog, "sslmode")->currentData().toString(), QStringLiteral("require"));
        const StoreLocation location = dialog.location();
        QCOMPARE(location.port, QStringLiteral("5432,5433"));
        QCOMPARE(location.password, QStringLiteral("Sup3rSecret"));
        QCOMPARE(location.options,
            (Options { { QStringLiteral("target_session_attrs"), QStringLiteral("read-write") },
                { QStringLiteral("sslpassword"), QStringLiteral("KeyS3cret") },
                { QStringLiteral("sslmode"), QStringLiteral("require") } }));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    const QByteArray stored = settingsBytes();
    QVERIFY(stored.contains("h1:5432,h2:5433"));
    QVERIFY(!stored.contains("Sup3rSecret"));
    QVERIFY(!stored.contains("KeyS3cret"));
    const QList<StoreLocation> profiles = ConnectionProfiles::profiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(
        profiles.first().options.value(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));
}

void TestConnectionDialog::acceptRemembersProfileWithoutPassword()
{
    {
        ConnectionDialog dialog;
        dialog.setLocation(
            StoreLocation::parse(QStringLiteral("postgresql://dave:Very-Secret-1@pg.example/rag")).value());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    const QList<StoreLocation> profiles = ConnectionProfiles::profiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.first().user, QStringLiteral("dave"));
    QCOMPARE(profiles.first().database, QStringLiteral("rag"));
    QVERIFY(profiles.first().password.isEmpty());
    const QByteArray stored = settingsBytes();
    QVERIFY(stored.contains("pg.example"));
    QVERIFY(!stored.contains("Very-Secret-1"));
    QVERIFY(!QFile::exists(PgPassFile::path())); // not asked to save it

    ConnectionDialog next; // the profile is offered again, without a password
    auto* profilesCombo = field<QComboBox>(next, "profile");
    QCOMPARE(profilesCombo->count(), 2);
    profilesCombo->setCurrentIndex(1);
    emit profilesCombo->activated(1);
    QCOMPARE(field<QLineEdit>(next, "user")->text(), QStringLiteral("dave"));
    QVERIFY(field<QLineEdit>(next, "password")->text().isEmpty());
}

void TestConnectionDialog::savePasswordWritesPgpassLineWithMode0600()
{
    ConnectionDialog dialog;
    dialog.setLocation(
        StoreLocation::parse(QStringLiteral("postgresql://erin:pa:ss@pg.example:5432/rag")).value());
    field<QCheckBox>(dialog, "savePassword")->setChecked(true);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QFile pgpass(PgPassFile::path());
    QVERIFY(pgpass.open(QIODevice::ReadOnly));
    QCOMPARE(pgpass.readAll(), QByteArray("pg.example:5432:rag:erin:pa\\:ss\n"));
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(PgPassFile::path()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u); // libpq ignores a .pgpass that others can read
    QVERIFY(!settingsBytes().contains("pa:ss"));
}

void TestConnectionDialog::savingAgainReplacesThePgpassLine()
{
    QFile existing(PgPassFile::path());
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("other.example:*:db:someone:keep-me\npg.example:5432:rag:erin:old\n");
    existing.close();

    StoreLocation location
        = StoreLocation::parse(QStringLiteral("postgresql://erin:new@pg.example:5432/rag")).value();
    QVERIFY(PgPassFile::save(location).ok());
    QFile pgpass(PgPassFile::path());
    QVERIFY(pgpass.open(QIODevice::ReadOnly));
    QCOMPARE(
        pgpass.readAll(), QByteArray("other.example:*:db:someone:keep-me\npg.example:5432:rag:erin:new\n"));
}

void TestConnectionDialog::testConnectionReportsSuccess()
{
    Test::TestDatabase db;
    db.open();
    ConnectionDialog dialog;
    dialog.setLocation(StoreLocation::parse(db.url()).value());
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(dialog.status(), QStringLiteral("Connected."));
}

void TestConnectionDialog::testConnectionReportsRefusedPassword()
{
    Test::TestDatabase db;
    StoreLocation location = StoreLocation::parse(db.url()).value();
    location.password = QStringLiteral("wrong-password");
    ConnectionDialog dialog;
    dialog.setLocation(location);
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(
        dialog.status().contains(QStringLiteral("refused the credentials")), qPrintable(dialog.status()));
    QVERIFY(!dialog.status().contains(QStringLiteral("wrong-password")));
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
