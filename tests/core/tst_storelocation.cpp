#include "store/storelocation.h"

#include <QDir>
#include <QtTest>

using namespace RagScope;

using Options = QMap<QString, QString>;

namespace {

// Parses text and compares it with the PostgreSQL parts in the current data row's columns.
void verifyPostgresLocation(const QString& text)
{
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(Options, options);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QCOMPARE(loc->dialect, Dialect::Postgres);
    QCOMPARE(loc->host, host);
    QCOMPARE(loc->port, port);
    QCOMPARE(loc->database, database);
    QCOMPARE(loc->user, user);
    QCOMPARE(loc->password, password);
    QCOMPARE(loc->options, options);
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
    void masksPasswordsInsideOtherValues_data();
    void masksPasswordsInsideOtherValues();
};

// The columns of a data table whose rows are (input, the PostgreSQL location it parses to).
static void addLocationColumns(const char* input)
{
    QTest::addColumn<QString>(input);
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<Options>("options");
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
                          << QStringLiteral("db.example") << QStringLiteral("5433") << QStringLiteral("rag")
                          << QStringLiteral("alice") << QStringLiteral("secret") << Options();
    QTest::newRow("postgres scheme") << QStringLiteral("postgres://bob@localhost/monitoring")
                                     << QStringLiteral("localhost") << QString()
                                     << QStringLiteral("monitoring") << QStringLiteral("bob") << QString()
                                     << Options();
    QTest::newRow("percent-encoded password")
        << QStringLiteral("postgresql://alice:p%40ss%2Fw%3Ard@h/rag") << QStringLiteral("h") << QString()
        << QStringLiteral("rag") << QStringLiteral("alice") << QStringLiteral("p@ss/w:rd") << Options();
    QTest::newRow("percent-encoded user and database")
        << QStringLiteral("postgresql://al%20ice@h/my%20db") << QStringLiteral("h") << QString()
        << QStringLiteral("my db") << QStringLiteral("al ice") << QString() << Options();
    QTest::newRow("sslmode") << QStringLiteral("postgresql://alice@h:5432/rag?sslmode=require")
                             << QStringLiteral("h") << QStringLiteral("5432") << QStringLiteral("rag")
                             << QStringLiteral("alice") << QString()
                             << Options { { QStringLiteral("sslmode"), QStringLiteral("require") } };
    QTest::newRow("several options")
        << QStringLiteral("postgresql://h/rag?sslmode=verify-full&connect_timeout=3") << QStringLiteral("h")
        << QString() << QStringLiteral("rag") << QString() << QString()
        << Options { { QStringLiteral("sslmode"), QStringLiteral("verify-full") },
               { QStringLiteral("connect_timeout"), QStringLiteral("3") } };
    QTest::newRow("IPv6 host") << QStringLiteral("postgresql://[::1]:6000/rag") << QStringLiteral("::1")
                               << QStringLiteral("6000") << QStringLiteral("rag") << QString() << QString()
                               << Options();
    QTest::newRow("everything from the environment")
        << QStringLiteral("postgresql://") << QString() << QString() << QString() << QString() << QString()
        << Options();
    QTest::newRow("socket directory as parameter")
        << QStringLiteral("postgresql:///rag?host=/var/run/postgresql")
        << QStringLiteral("/var/run/postgresql") << QString() << QStringLiteral("rag") << QString()
        << QString() << Options();
    QTest::newRow("parts as parameters")
        << QStringLiteral("postgresql:///?host=h&port=7000&user=carol&password=pw&dbname=rag")
        << QStringLiteral("h") << QStringLiteral("7000") << QStringLiteral("rag") << QStringLiteral("carol")
        << QStringLiteral("pw") << Options();
    QTest::newRow("surrounding spaces")
        << QStringLiteral("  postgresql://h/rag \n") << QStringLiteral("h") << QString()
        << QStringLiteral("rag") << QString() << QString() << Options();
    QTest::newRow("multi-host") << QStringLiteral(
        "postgresql://alice@h1:5432,h2:5433/rag?target_session_attrs=read-write")
                                << QStringLiteral("h1,h2") << QStringLiteral("5432,5433")
                                << QStringLiteral("rag") << QStringLiteral("alice") << QString()
                                << Options { { QStringLiteral("target_session_attrs"),
                                       QStringLiteral("read-write") } };
    QTest::newRow("any libpq keyword")
        << QStringLiteral(
               "postgresql://h/rag?service=prod&passfile=/p/pgpass&sslrootcert=/ca.pem&hostaddr=10.0.0.5"
               "&options=-c%20statement_timeout%3D1000&application_name=nightly")
        << QStringLiteral("h") << QString() << QStringLiteral("rag") << QString() << QString()
        << Options { { QStringLiteral("service"), QStringLiteral("prod") },
               { QStringLiteral("passfile"), QStringLiteral("/p/pgpass") },
               { QStringLiteral("sslrootcert"), QStringLiteral("/ca.pem") },
               { QStringLiteral("hostaddr"), QStringLiteral("10.0.0.5") },
               { QStringLiteral("options"), QStringLiteral("-c statement_timeout=1000") },
               { QStringLiteral("application_name"), QStringLiteral("nightly") } };
    // an encoded space is part of the value: it adds no keyword
    QTest::newRow("encoded space stays in its value")
        << QStringLiteral("postgresql://h/rag?sslmode=disable%20password%3DSup3rSecret")
        << QStringLiteral("h") << QString() << QStringLiteral("rag") << QString() << QString()
        << Options { { QStringLiteral("sslmode"), QStringLiteral("disable password=Sup3rSecret") } };
    QTest::newRow("slash in database name, as libpq reads it")
        << QStringLiteral("postgresql://h/rag/extra") << QStringLiteral("h") << QString()
        << QStringLiteral("rag/extra") << QString() << QString() << Options();
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
                           << QStringLiteral("localhost") << QStringLiteral("5432") << QStringLiteral("rag")
                           << QStringLiteral("alice") << QStringLiteral("secret") << Options();
    QTest::newRow("quoted value with a space")
        << QStringLiteral("dbname=rag password='se cret'") << QString() << QString() << QStringLiteral("rag")
        << QString() << QStringLiteral("se cret") << Options();
    QTest::newRow("escaped quote and backslash")
        << QStringLiteral(R"(password='it\'s a \\ b' dbname=x)") << QString() << QString()
        << QStringLiteral("x") << QString() << QStringLiteral(R"(it's a \ b)") << Options();
    QTest::newRow("escaped backslash before an escaped quote")
        << QStringLiteral(R"(password='a\\\'b')") << QString() << QString() << QString() << QString()
        << QStringLiteral(R"(a\'b)") << Options();
    QTest::newRow("empty quoted value") << QStringLiteral("password='' dbname=rag") << QString() << QString()
                                        << QStringLiteral("rag") << QString() << QString() << Options();
    QTest::newRow("spaces around equals")
        << QStringLiteral("host = h  dbname =rag") << QStringLiteral("h") << QString()
        << QStringLiteral("rag") << QString() << QString() << Options();
    QTest::newRow("hostaddr and sslmode")
        << QStringLiteral("hostaddr=10.0.0.5 dbname=rag sslmode=require") << QString() << QString()
        << QStringLiteral("rag") << QString() << QString()
        << Options { { QStringLiteral("hostaddr"), QStringLiteral("10.0.0.5") },
               { QStringLiteral("sslmode"), QStringLiteral("require") } };
    QTest::newRow("socket directory")
        << QStringLiteral("host=/var/run/postgresql dbname=rag") << QStringLiteral("/var/run/postgresql")
        << QString() << QStringLiteral("rag") << QString() << QString() << Options();
    QTest::newRow("libpq quoted form")
        << QStringLiteral("host=h password='Sup3r Secret' options='-c statement_timeout=1000'")
        << QStringLiteral("h") << QString() << QString() << QString() << QStringLiteral("Sup3r Secret")
        << Options { { QStringLiteral("options"), QStringLiteral("-c statement_timeout=1000") } };
    QTest::newRow("service") << QStringLiteral("service=prod") << QString() << QString() << QString()
                             << QString() << QString()
                             << Options { { QStringLiteral("service"), QStringLiteral("prod") } };
    QTest::newRow("multi-host") << QStringLiteral("host=a,b port=1,2 dbname=rag target_session_attrs=any")
                                << QStringLiteral("a,b") << QStringLiteral("1,2") << QStringLiteral("rag")
                                << QString() << QString()
                                << Options { { QStringLiteral("target_session_attrs"),
                                       QStringLiteral("any") } };
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
    QTest::newRow("plain word") << QStringLiteral("rag")
                                << QStringLiteral("'rag' is neither a postgresql:// URL");
    QTest::newRow("port not a number")
        << QStringLiteral("postgresql://h:abc/rag") << QStringLiteral("port 'abc'");
    QTest::newRow("port out of range")
        << QStringLiteral("postgresql://h:99999/rag") << QStringLiteral("port '99999'");
    QTest::newRow("port parameter not a number")
        << QStringLiteral("postgresql://h/rag?port=abc") << QStringLiteral("port 'abc'");
    QTest::newRow("key=value port not a number")
        << QStringLiteral("host=h port=fifty") << QStringLiteral("port 'fifty'");
    QTest::newRow("bad port in a list")
        << QStringLiteral("host=a,b port=5432,x") << QStringLiteral("port 'x'");
    QTest::newRow("unknown URL parameter") << QStringLiteral("postgresql://h/rag?colour=blue")
                                           << QStringLiteral(R"(invalid URI query parameter: "colour")");
    QTest::newRow("unknown key") << QStringLiteral("host=h colour=blue")
                                 << QStringLiteral(R"(invalid connection option "colour")");
    QTest::newRow("key=value garbage") << QStringLiteral("host=h oops") << QStringLiteral(R"(missing "=")");
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:") << QStringLiteral("needs a file path");
    QTest::newRow("bad port, message keeps the password out")
        << QStringLiteral("postgresql://alice:Sup3rSecret@h:99999/rag") << QStringLiteral("port");
    QTest::newRow("unterminated quoted password stays out of the message")
        << QStringLiteral("host=h password='Sup3rSecret") << QStringLiteral("unterminated quoted string");
    QTest::newRow("unquoted password with a space")
        << QStringLiteral("host=h password=Sup3r Secret") << QStringLiteral(R"(missing "=" after "…")");
    QTest::newRow("unknown key split off an unquoted password") << QStringLiteral(
        "host=h password=Sup3r Secret=x") << QStringLiteral(R"(invalid connection option "…")");
    QTest::newRow("URL parameter without '='")
        << QStringLiteral("postgresql://h/rag?Sup3rSecret")
        << QStringLiteral(R"(missing key/value separator "=" in URI query parameter: "…")");
    QTest::newRow("URL without scheme, with a password") << QStringLiteral("alice:Sup3rSecret@db.example/rag")
                                                         << QStringLiteral("needs postgresql:// in front");
    QTest::newRow("bad percent-encoding in the password") << QStringLiteral(
        "postgresql://alice:Sup3r%zzSecret@h/rag") << QStringLiteral(R"(invalid percent-encoded token: "…")");
    QTest::newRow("unclosed IPv6 bracket after a password")
        << QStringLiteral("postgresql://alice:Sup3rSecret@[::1/rag") << QStringLiteral("IPv6");
    // a raw space-separated "password=" in a URL value would have been another keyword
    QTest::newRow("raw = in a URL value")
        << QStringLiteral("postgresql://h/rag?sslmode=disable%20password=Sup3rSecret")
        << QStringLiteral(R"(extra key/value separator "=" in URI query parameter: "sslmode")");
    QTest::newRow("';', which QPSQL cannot pass")
        << QStringLiteral("host=h options='-c search_path=a;b'") << QStringLiteral("'options' contains ';'");
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
    QTest::newRow("IPv6") << QStringLiteral("postgresql://alice:Sup3rSecret@[::1]:6000/rag")
                          << QStringLiteral("postgresql://alice@[::1]:6000/rag");
    QTest::newRow("multi-host URL") << QStringLiteral("postgresql://alice:Sup3rSecret@h1:5432,h2:5433/rag")
                                    << QStringLiteral("postgresql://alice@h1:5432,h2:5433/rag");
    QTest::newRow("multi-host, one port") << QStringLiteral("host=a,b port=5433 password=Sup3rSecret")
                                          << QStringLiteral("postgresql://a,b/?port=5433");
    QTest::newRow("libpq quoted form")
        << QStringLiteral("host=h password='Sup3r Secret' options='-c statement_timeout=1000'")
        << QStringLiteral("postgresql://h/?options=-c%20statement_timeout%3D1000");
    QTest::newRow("service") << QStringLiteral("service=prod user=alice password=Sup3rSecret")
                             << QStringLiteral("postgresql://alice@/?service=prod");
    QTest::newRow("sslpassword") << QStringLiteral("postgresql://h/rag?sslkey=/k.pem&sslpassword=Sup3rSecret")
                                 << QStringLiteral("postgresql://h/rag?sslkey=/k.pem");
}

void StoreLocationTest::urlWithoutPasswordNeverShowsThePassword()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QVERIFY(!text.contains(QLatin1String("Secret")) || !loc->password.isEmpty()
        || !loc->options.value(QStringLiteral("sslpassword")).isEmpty());
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
    Options shown = loc->options;
    shown.removeIf([](Options::iterator it) { return StoreLocation::isSecretKeyword(it.key()); });
    QCOMPARE(again->options, shown);
    QVERIFY(again->password.isEmpty());
}

void StoreLocationTest::masksPasswordsInsideOtherValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("encoded space and '=' in a URL value")
        << QStringLiteral("postgresql://h/rag?sslmode=disable%20password%3DSup3rSecret")
        << QStringLiteral("postgresql://h/rag?sslmode=disable%20password%3D***");
    QTest::newRow("in the server options")
        << QStringLiteral("host=h options='-c app.password=Sup3rSecret'")
        << QStringLiteral("postgresql://h/?options=-c%20app.password%3D***");
    QTest::newRow("the password again in another value")
        << QStringLiteral("host=h password=Sup3rSecret application_name=Sup3rSecret")
        << QStringLiteral("postgresql://h/?application_name=***");
}

void StoreLocationTest::masksPasswordsInsideOtherValues()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto loc = StoreLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.ok() ? QString() : loc.error().message));
    QCOMPARE(loc->urlWithoutPassword(), expected);
    QCOMPARE(loc->displayName(), expected);
    // libpq quotes a value it refuses when connecting, e.g. invalid sslmode value: "…"
    for (auto it = loc->options.cbegin(); it != loc->options.cend(); ++it) {
        const QString message
            = loc->withoutSecrets(QStringLiteral("invalid %1 value: \"%2\"").arg(it.key(), it.value()));
        QVERIFY2(!message.contains(QLatin1String("Secret")), qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(StoreLocationTest)
#include "tst_storelocation.moc"
