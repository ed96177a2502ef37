#include "store/store.h"
#include "testdatabase.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

// libpq's quoting of a key=value value, written out here so the test does not trust the code under test.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

// The test database as a libpq key=value string in quoted form, followed by extra.
QString keyValueFor(const TestDatabase& db, const QString& extra = {})
{
    const StoreLocation loc = StoreLocation::parse(db.url()).value();
    return QStringLiteral("host=%1 port=%2 user=%3 password=%4 dbname=%5 ")
               .arg(quoted(loc.host), quoted(loc.port), quoted(loc.user), quoted(loc.password),
                   quoted(loc.database))
        + extra;
}

// Each test's database is new and empty: creating the schema in it is the consent to give.
Store::OpenOptions migrating()
{
    Store::OpenOptions o;
    o.createSchema = true;
    return o;
}

QString firstValue(const Store& store, const QString& sql)
{
    auto q = store.exec(sql);
    if (!q.ok() || !q.value().next())
        return QStringLiteral("(failed: %1)").arg(q.ok() ? QString() : q.error().message);
    return q.value().value(0).toString();
}

quint16 closedPort()
{
    QTcpServer probe; // free a moment ago, nobody listening now
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

} // namespace

// What libpq parsed reaches the server: quoting, options, services, host lists, defaults.
class PgConnectOptionsTest : public QObject
{
    Q_OBJECT

private slots:
    void passesServerOptionsThrough_data();
    void passesServerOptionsThrough();
    void connectsThroughAServiceFile();
    void triesTheNextHostOfAList_data();
    void triesTheNextHostOfAList();
    void namesTheApplicationUnlessGiven_data();
    void namesTheApplicationUnlessGiven();
    void passwordHiddenInAnotherValueNeitherConnectsNorShows();
};

void PgConnectOptionsTest::passesServerOptionsThrough_data()
{
    QTest::addColumn<bool>("url");
    QTest::addColumn<QString>("options");
    QTest::newRow("key=value, quoted") << false << QStringLiteral("options='-c statement_timeout=1000'");
    QTest::newRow("URL, percent-encoded") << true << QStringLiteral("options=-c%20statement_timeout%3D1000");
}

void PgConnectOptionsTest::passesServerOptionsThrough()
{
    QFETCH(bool, url);
    QFETCH(QString, options);
    TestDatabase db;
    const QString text = url ? db.url() + QLatin1Char('?') + options : keyValueFor(db, options);
    const auto store = Store::open(text, migrating());
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(firstValue(*store.value(), QStringLiteral("SHOW statement_timeout")), QStringLiteral("1s"));
}

void PgConnectOptionsTest::connectsThroughAServiceFile()
{
    TestDatabase db;
    const StoreLocation loc = StoreLocation::parse(db.url()).value();
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("pg_service.conf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("[ragscope_test]\nhost=%1\nport=%2\nuser=%3\npassword=%4\ndbname=%5\n")
                   .arg(loc.host, loc.port, loc.user, loc.password, loc.database)
                   .toUtf8());
    file.close();
    qputenv("PGSERVICEFILE", QFile::encodeName(file.fileName()));
    const auto store = Store::open(QStringLiteral("service=ragscope_test"), migrating());
    qunsetenv("PGSERVICEFILE");
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(firstValue(*store.value(), QStringLiteral("SELECT current_database()")), loc.database);
    QVERIFY(!store.value()->location().displayName().contains(loc.password));
}

void PgConnectOptionsTest::triesTheNextHostOfAList_data()
{
    QTest::addColumn<bool>("url");
    QTest::newRow("URL") << true;
    QTest::newRow("key=value") << false;
}

void PgConnectOptionsTest::triesTheNextHostOfAList()
{
    QFETCH(bool, url);
    TestDatabase db;
    const StoreLocation loc = StoreLocation::parse(db.url()).value();
    const quint16 closed = closedPort();
    QVERIFY(closed > 0);
    const QString text = url
        ? QStringLiteral("postgresql://%1:%2@%3:%4,%3:%5/%6")
              .arg(loc.user, loc.password, loc.host, QString::number(closed), loc.port, loc.database)
        : QStringLiteral("host=%1,%1 port=%2,%3 user=%4 password=%5 dbname=%6")
              .arg(loc.host, QString::number(closed), loc.port, loc.user, loc.password, loc.database);
    const auto store = Store::open(text, migrating());
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(firstValue(*store.value(), QStringLiteral("SELECT current_setting('port')")), loc.port);
}

void PgConnectOptionsTest::namesTheApplicationUnlessGiven_data()
{
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not given") << QString() << QStringLiteral("ragscope");
    QTest::newRow("given") << QStringLiteral("application_name='nightly report'")
                           << QStringLiteral("nightly report");
}

void PgConnectOptionsTest::namesTheApplicationUnlessGiven()
{
    QFETCH(QString, extra);
    QFETCH(QString, expected);
    TestDatabase db;
    const auto store = Store::open(keyValueFor(db, extra), migrating());
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(firstValue(*store.value(), QStringLiteral("SHOW application_name")), expected);
}

// A space in a URL value once split it into another keyword: "?sslmode=disable%20password%3D…"
// connected with that password and then showed it. It is one (invalid) sslmode value.
void PgConnectOptionsTest::passwordHiddenInAnotherValueNeitherConnectsNorShows()
{
    TestDatabase db;
    const StoreLocation loc = StoreLocation::parse(db.url()).value();
    const QString text
        = QStringLiteral("postgresql://%1@%2:%3/%4").arg(loc.user, loc.host, loc.port, loc.database)
        + QStringLiteral("?sslmode=disable%20password%3D") + loc.password;
    const auto parsed = StoreLocation::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QVERIFY(parsed->password.isEmpty());
    QVERIFY(!parsed->displayName().contains(loc.password));
    QVERIFY(!parsed->urlWithoutPassword().contains(loc.password));
    qputenv("PGPASSFILE", "/nonexistent"); // only the injected password could let it in
    const auto store = Store::open(text, migrating());
    qunsetenv("PGPASSFILE");
    QVERIFY(!store.ok());
    QVERIFY2(store.error().message.contains(QStringLiteral("sslmode")), qPrintable(store.error().message));
    QVERIFY2(!store.error().message.contains(loc.password), qPrintable(store.error().message));
}

QTEST_GUILESS_MAIN(PgConnectOptionsTest)
#include "tst_pgconnectoptions.moc"
