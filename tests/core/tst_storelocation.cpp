#include "store/storelocation.h"

#include <QDir>
#include <QtTest>

using namespace RagScope;

namespace {

// Parses text and compares it with the PostgreSQL parts in the current data row's columns.
void verifyPostgresLocation(const QString& text)
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, options);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QCOMPARE(loc->dialect, Dialect::Postgres);
    QCOMPARE(loc->host, host);
    QCOMPARE(loc->port, port);
    QCOMPARE(loc->database, database);
    QCOMPARE(loc->user, user);
    QCOMPARE(loc->password, password);
    QCOMPARE(loc->connectOptions, options);
}

} // namespace

class StoreLocationTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesPostgresUrls_data();
    void parsesPostgresUrls();
    void parsesLibpqKeyValueStrings_data();
    void parsesLibpqKeyValueStrings();
    void parsesSqliteLocations_data();
    void parsesSqliteLocations();
    void refusesBadInputWithAClearMessage_data();
    void refusesBadInputWithAClearMessage();
    void urlWithoutPasswordNeverShowsThePassword_data();
    void urlWithoutPasswordNeverShowsThePassword();
};

// The columns of a data table whose rows are (input, the PostgreSQL location it parses to).
static void addLocationColumns(const char* input)
{
    QTest::addColumn<QString>(input);
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");
}

void StoreLocationTest::initTestCase()
{
    // urlWithoutPassword() falls back to PGHOST; keep the expectations independent of it
    qunsetenv("PGHOST");
}

void StoreLocationTest::parsesPostgresUrls_data()
{
    addLocationColumns("url");

    QTest::newRow("full") << QStringLiteral("postgresql://alice:secret@db.example:5433/rag")
                          << QStringLiteral("db.example") << 5433 << QStringLiteral("rag")
                          << QStringLiteral("alice") << QStringLiteral("secret") << QString();
    QTest::newRow("postgres scheme") << QStringLiteral("postgres://bob@localhost/monitoring")
                                     << QStringLiteral("localhost") << -1 << QStringLiteral("monitoring")
                                     << QStringLiteral("bob") << QString() << QString();
    QTest::newRow("percent-encoded password")
        << QStringLiteral("postgresql://alice:p%40ss%2Fw%3Ard@h/rag") << QStringLiteral("h") << -1
        << QStringLiteral("rag") << QStringLiteral("alice") << QStringLiteral("p@ss/w:rd") << QString();
    QTest::newRow("percent-encoded user and database")
        << QStringLiteral("postgresql://al%20ice@h/my%20db") << QStringLiteral("h") << -1
        << QStringLiteral("my db") << QStringLiteral("al ice") << QString() << QString();
    QTest::newRow("sslmode") << QStringLiteral("postgresql://alice@h:5432/rag?sslmode=require")
                             << QStringLiteral("h") << 5432 << QStringLiteral("rag")
                             << QStringLiteral("alice") << QString() << QStringLiteral("sslmode=require");
    QTest::newRow("several options") << QStringLiteral(
        "postgresql://h/rag?sslmode=verify-full&connect_timeout=3")
                                     << QStringLiteral("h") << -1 << QStringLiteral("rag") << QString()
                                     << QString() << QStringLiteral("sslmode=verify-full;connect_timeout=3");
    QTest::newRow("IPv6 host") << QStringLiteral("postgresql://[::1]:6000/rag") << QStringLiteral("::1")
                               << 6000 << QStringLiteral("rag") << QString() << QString() << QString();
    QTest::newRow("everything from the environment") << QStringLiteral("postgresql://") << QString() << -1
                                                     << QString() << QString() << QString() << QString();
    QTest::newRow("socket directory as parameter")
        << QStringLiteral("postgresql:///rag?host=/var/run/postgresql")
        << QStringLiteral("/var/run/postgresql") << -1 << QStringLiteral("rag") << QString() << QString()
        << QString();
    QTest::newRow("parts as parameters")
        << QStringLiteral("postgresql:///?host=h&port=7000&user=carol&password=pw&dbname=rag")
        << QStringLiteral("h") << 7000 << QStringLiteral("rag") << QStringLiteral("carol")
        << QStringLiteral("pw") << QString();
    QTest::newRow("surrounding spaces") << QStringLiteral("  postgresql://h/rag \n") << QStringLiteral("h")
                                        << -1 << QStringLiteral("rag") << QString() << QString() << QString();
}

void StoreLocationTest::parsesPostgresUrls()
{
    QFETCH(QString, url);
    verifyPostgresLocation(url);
}

void StoreLocationTest::parsesLibpqKeyValueStrings_data()
{
    addLocationColumns("text");

    QTest::newRow("plain") << QStringLiteral("host=localhost port=5432 dbname=rag user=alice password=secret")
                           << QStringLiteral("localhost") << 5432 << QStringLiteral("rag")
                           << QStringLiteral("alice") << QStringLiteral("secret") << QString();
    QTest::newRow("quoted value with a space")
        << QStringLiteral("dbname=rag password='se cret'") << QString() << -1 << QStringLiteral("rag")
        << QString() << QStringLiteral("se cret") << QString();
    QTest::newRow("escaped quote and backslash")
        << QStringLiteral(R"(password='it\'s a \\ b' dbname=x)") << QString() << -1 << QStringLiteral("x")
        << QString() << QStringLiteral(R"(it's a \ b)") << QString();
    QTest::newRow("escaped backslash before an escaped quote")
        << QStringLiteral(R"(password='a\\\'b')") << QString() << -1 << QString() << QString()
        << QStringLiteral(R"(a\'b)") << QString();
    QTest::newRow("empty quoted value") << QStringLiteral("password='' dbname=rag") << QString() << -1
                                        << QStringLiteral("rag") << QString() << QString() << QString();
    QTest::newRow("spaces around equals")
        << QStringLiteral("host = h  dbname =rag") << QStringLiteral("h") << -1 << QStringLiteral("rag")
        << QString() << QString() << QString();
    QTest::newRow("hostaddr and sslmode")
        << QStringLiteral("hostaddr=10.0.0.5 dbname=rag sslmode=require") << QStringLiteral("10.0.0.5") << -1
        << QStringLiteral("rag") << QString() << QString() << QStringLiteral("sslmode=require");
    QTest::newRow("socket directory")
        << QStringLiteral("host=/var/run/postgresql dbname=rag") << QStringLiteral("/var/run/postgresql")
        << -1 << QStringLiteral("rag") << QString() << QString() << QString();
}

void StoreLocationTest::parsesLibpqKeyValueStrings()
{
    QFETCH(QString, text);
    verifyPostgresLocation(text);
}

void StoreLocationTest::parsesSqliteLocations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");

    const QString cwd = QDir::currentPath();
    QTest::newRow("sqlite: absolute")
        << QStringLiteral("sqlite:/data/store.sqlite") << QStringLiteral("/data/store.sqlite");
    QTest::newRow("sqlite:/// absolute")
        << QStringLiteral("sqlite:///data/store.sqlite") << QStringLiteral("/data/store.sqlite");
    QTest::newRow("sqlite: relative, any suffix")
        << QStringLiteral("sqlite:snap.bin") << cwd + QStringLiteral("/snap.bin");
    QTest::newRow("bare .sqlite path")
        << QStringLiteral("/tmp/demo.sqlite") << QStringLiteral("/tmp/demo.sqlite");
    QTest::newRow("bare .sqlite3 path")
        << QStringLiteral("/tmp/demo.sqlite3") << QStringLiteral("/tmp/demo.sqlite3");
    QTest::newRow("bare relative .db path")
        << QStringLiteral("exports/window.db") << cwd + QStringLiteral("/exports/window.db");
    QTest::newRow("suffix in capitals")
        << QStringLiteral("/tmp/DEMO.SQLITE") << QStringLiteral("/tmp/DEMO.SQLITE");
}

void StoreLocationTest::parsesSqliteLocations()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QCOMPARE(loc->dialect, Dialect::Sqlite);
    QCOMPARE(loc->sqlitePath, path);
    QCOMPARE(loc->urlWithoutPassword(), QStringLiteral("sqlite:") + path);
    QCOMPARE(StoreLocation::parse(loc->urlWithoutPassword())->sqlitePath, path);
}

void StoreLocationTest::refusesBadInputWithAClearMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::newRow("other scheme") << QStringLiteral("mysql://x")
                                  << QStringLiteral("'mysql' is not a postgresql://");
    QTest::newRow("plain word") << QStringLiteral("rag") << QStringLiteral("neither a postgresql:// URL");
    QTest::newRow("port not a number") << QStringLiteral("postgresql://h:abc/rag") << QStringLiteral("port");
    QTest::newRow("port out of range")
        << QStringLiteral("postgresql://h:99999/rag") << QStringLiteral("port");
    QTest::newRow("port parameter not a number")
        << QStringLiteral("postgresql://h/rag?port=abc") << QStringLiteral("port 'abc'");
    QTest::newRow("key=value port not a number")
        << QStringLiteral("host=h port=fifty") << QStringLiteral("port 'fifty'");
    QTest::newRow("unknown URL parameter")
        << QStringLiteral("postgresql://h/rag?colour=blue") << QStringLiteral("unknown parameter 'colour'");
    QTest::newRow("unknown key") << QStringLiteral("host=h colour=blue")
                                 << QStringLiteral("unknown parameter 'colour'");
    QTest::newRow("key=value garbage")
        << QStringLiteral("host=h oops") << QStringLiteral("cannot read 'oops'");
    QTest::newRow("slash in database name")
        << QStringLiteral("postgresql://h/rag/extra") << QStringLiteral("'/'");
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:") << QStringLiteral("needs a file path");
    QTest::newRow("bad host") << QStringLiteral("postgresql://u:Sup3rSecret@h@x/rag")
                              << QStringLiteral("host");
    QTest::newRow("bad port, message keeps the password out")
        << QStringLiteral("postgresql://alice:Sup3rSecret@h:99999/rag") << QStringLiteral("port");
    QTest::newRow("unterminated quoted password stays out of the message")
        << QStringLiteral("host=h password='Sup3rSecret") << QStringLiteral("'password'");
}

void StoreLocationTest::refusesBadInputWithAClearMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    const auto loc = StoreLocation::parse(text);
    QVERIFY(!loc.ok());
    QCOMPARE(loc.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(loc.error().exitCode(), 2);
    QVERIFY2(
        loc.error().message.startsWith(QStringLiteral("bad store URL: ")), qPrintable(loc.error().message));
    QVERIFY2(loc.error().message.contains(messagePart), qPrintable(loc.error().message));
    QVERIFY2(!loc.error().message.contains(QLatin1String("Secret")), qPrintable(loc.error().message));
}

void StoreLocationTest::urlWithoutPasswordNeverShowsThePassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("URL") << QStringLiteral(
        "postgresql://alice:Sup3rSecret@db.example:5433/rag?sslmode=require")
                         << QStringLiteral("postgresql://alice@db.example:5433/rag?sslmode=require");
    QTest::newRow("encoded password") << QStringLiteral("postgres://alice:Sup3r%40Secret@h/rag")
                                      << QStringLiteral("postgresql://alice@h/rag");
    QTest::newRow("password parameter")
        << QStringLiteral("postgresql://h/rag?password=Sup3rSecret") << QStringLiteral("postgresql://h/rag");
    QTest::newRow("key=value") << QStringLiteral("host=h dbname=rag user=alice password='Sup3rSecret x'")
                               << QStringLiteral("postgresql://alice@h/rag");
    QTest::newRow("no host") << QStringLiteral("postgresql:///rag") << QStringLiteral("postgresql:///rag");
    QTest::newRow("socket directory")
        << QStringLiteral("host=/var/run/postgresql dbname=rag password=Sup3rSecret")
        << QStringLiteral("postgresql:///rag?host=/var/run/postgresql");
}

void StoreLocationTest::urlWithoutPasswordNeverShowsThePassword()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QVERIFY(!loc->password.isEmpty() || !text.contains(QLatin1String("Secret")));
    const QString safe = loc->urlWithoutPassword();
    QCOMPARE(safe, expected);
    QVERIFY(!safe.contains(QLatin1String("Secret")));
    QVERIFY(!loc->displayName().contains(QLatin1String("Secret")));

    // it parses back into the same place, minus the password
    const auto again = StoreLocation::parse(safe);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again->host, loc->host);
    QCOMPARE(again->port, loc->port);
    QCOMPARE(again->database, loc->database);
    QCOMPARE(again->user, loc->user);
    QCOMPARE(again->connectOptions, loc->connectOptions);
    QVERIFY(again->password.isEmpty());
}

QTEST_GUILESS_MAIN(StoreLocationTest)
#include "tst_storelocation.moc"
