// Opening a store by every command: reads never write, RagScope's schema goes only into
// monitoring stores (or empty ones, with consent), and the contract's minimum role can read.
// Each row runs the real ragscope-cli and checks the exit status, one line on stderr, and
// that the store is exactly as it was (file checksum and neighbours, or tables and rows).
#include "clirunner.h"
#include "fixtures.h"
#include "testdatabase.h"

#include "demo/demogenerator.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

enum class Kind { Monitoring, Foreign, Empty, MinimumRole };

// What "unchanged" means: every file of a SQLite store's folder with its checksum, or every
// table of a PostgreSQL database with its row count.
QStringList fingerprint(const QString& url, Dialect dialect, const QString& sqliteDir)
{
    QStringList lines;
    if (dialect == Dialect::Sqlite) {
        const QStringList files = QDir(sqliteDir).entryList(QDir::Files, QDir::Name);
        for (const QString& name : files) {
            lines << name + QLatin1Char(' ')
                    + QString::fromLatin1(fileSha256(QDir(sqliteDir).filePath(name)));
        }
        return lines;
    }
    // Catalog read through a plain connection: Store::open would refuse foreign and empty databases.
    const QString name = QStringLiteral("fingerprint-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        const QUrl location(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(location.host());
        db.setPort(location.port());
        db.setUserName(location.userName());
        db.setPassword(location.password());
        db.setDatabaseName(location.path().mid(1));
        if (!db.open())
            qFatal("fingerprint: %s", qPrintable(db.lastError().text()));
        QSqlQuery tables(db);
        tables.exec(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString& table : std::as_const(names)) {
            QSqlQuery count(db);
            count.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)); // names from the catalog
            count.next();
            lines << table + QLatin1Char(' ') + count.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return lines;
}

} // namespace

class TestRobustStores : public QObject
{
    Q_OBJECT

    struct Prepared
    {
        std::unique_ptr<TestDatabase> db;
        QString url; ///< what the command gets as --db
        QString sqliteDir;
    };

    Prepared prepare(Kind kind)
    {
        Prepared p;
        p.db = std::make_unique<TestDatabase>();
        p.url = p.db->url();
        const bool sqlite = p.db->dialect() == Dialect::Sqlite;
        if (sqlite)
            p.sqliteDir = QFileInfo(p.url.mid(7)).absolutePath();
        switch (kind) {
        case Kind::Monitoring:
        case Kind::MinimumRole: {
            DemoOptions options;
            options.rows = 300;
            options.end = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
            const auto made = DemoGenerator::generate(p.db->open(), options);
            if (!made.ok())
                qFatal("demo: %s", qPrintable(made.error().message));
            if (sqlite) // the backend's own files use rollback journals: they must stay that way
                p.db->execScript(QStringLiteral("PRAGMA journal_mode = DELETE"));
            break;
        }
        case Kind::Foreign:
            p.db->execScript(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                                            "INSERT INTO notes (id, body) VALUES (1, 'keep me')"));
            if (sqlite)
                p.db->execScript(QStringLiteral("PRAGMA journal_mode = DELETE"));
            break;
        case Kind::Empty:
            if (sqlite) {
                QFile f(p.url.mid(7));
                if (!f.open(QIODevice::WriteOnly)) // a 0-byte file
                    qFatal("cannot create %s", qPrintable(f.fileName()));
            }
            break;
        }
        if (kind == Kind::MinimumRole) {
            const QString role
                = QStringLiteral("rs_min_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
            p.db->execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'minimum';"
                                            "GRANT SELECT ON chat_interactions, chat_feedbacks TO %1")
                                 .arg(role));
            p.url = TestDatabase::serverUrlFor(
                p.url.section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0), role,
                QStringLiteral("minimum"));
        }
        return p;
    }

private slots:
    void commandsLeaveTheStoreAsItWas_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // expected in the single stderr line, or on stdout when exit 0
        const QStringList window { QStringLiteral("--from"), QStringLiteral("2026-08-01"),
            QStringLiteral("--to"), QStringLiteral("2026-11-01") };
        const QStringList stats
            = QStringList { QStringLiteral("stats") } + window + QStringList { QStringLiteral("--json") };
        const QStringList lowRated { QStringLiteral("low-rated"), QStringLiteral("--limit"),
            QStringLiteral("5") };
        const QStringList bench = QStringList { QStringLiteral("bench"), QStringLiteral("--repeat"),
            QStringLiteral("1"), QStringLiteral("--pages"), QStringLiteral("1") }
            + window;
        const QStringList feedback { QStringLiteral("feedback"), QStringLiteral("--interaction"),
            QStringLiteral("00000000-0000-0000-0000-000000000001"), QStringLiteral("--rating"),
            QStringLiteral("3") };
        const int monitoring = int(Kind::Monitoring), foreign = int(Kind::Foreign), empty = int(Kind::Empty);
        QTest::newRow("stats on a monitoring store")
            << monitoring << stats << 0 << QStringLiteral("\"requests\": 300");
        QTest::newRow("low-rated on a monitoring store") << monitoring << lowRated << 0 << QString();
        QTest::newRow("bench on a monitoring store") << monitoring << bench << 0 << QString();
        QTest::newRow("stats on another application's store")
            << foreign << stats << 3 << QStringLiteral("not a RagScope monitoring store");
        QTest::newRow("low-rated on another application's store")
            << foreign << lowRated << 3 << QStringLiteral("not a RagScope monitoring store");
        QTest::newRow("feedback on another application's store")
            << foreign << feedback << 3 << QStringLiteral("not a RagScope monitoring store");
        QTest::newRow("migrate on another application's store")
            << foreign << QStringList { QStringLiteral("migrate") } << 3 << QStringLiteral("leaves alone");
        QTest::newRow("stats on an empty store") << empty << stats << 3 << QStringLiteral("holds no tables");
        QTest::newRow("low-rated on an empty store")
            << empty << lowRated << 3 << QStringLiteral("holds no tables");
        QTest::newRow("feedback on an empty store")
            << empty << feedback << 3 << QStringLiteral("holds no tables");
        if (dialectUnderTest() == Dialect::Postgres) {
            const int minimum = int(Kind::MinimumRole);
            QTest::newRow("stats by the minimum role")
                << minimum << stats << 0 << QStringLiteral("\"requests\": 300");
            QTest::newRow("low-rated by the minimum role") << minimum << lowRated << 0 << QString();
            QTest::newRow("feedback by the minimum role")
                << minimum << feedback << 4 << QStringLiteral("may only read");
            QTest::newRow("migrate --rollback by the minimum role")
                << minimum << QStringList { QStringLiteral("migrate"), QStringLiteral("--rollback") } << 4
                << QString();
        }
    }

    void commandsLeaveTheStoreAsItWas()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Prepared p = prepare(Kind(kind));
        const Dialect dialect = dialectUnderTest();
        const QString adminUrl = p.db->url();
        const QStringList before = fingerprint(adminUrl, dialect, p.sqliteDir);

        const CliRun run = runCli(args + QStringList { QStringLiteral("--db"), p.url });
        QVERIFY2(run.exitCode == exitCode,
            qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(run.err)));
        if (exitCode != 0) {
            QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
            QVERIFY2(run.err.contains(message), qPrintable(run.err));
            QVERIFY2(!run.err.contains(QStringLiteral("minimum")), "the password must never be shown");
        } else {
            QVERIFY2(run.out.contains(message), qPrintable(run.out.left(400)));
        }
        QCOMPARE(fingerprint(adminUrl, dialect, p.sqliteDir), before);
    }

    void migrateCreatesTheSchemaOnlyInAnEmptyStore()
    {
        const Prepared p = prepare(Kind::Empty);
        const CliRun run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), p.url });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList after = fingerprint(p.db->url(), dialectUnderTest(), p.sqliteDir);
        if (dialectUnderTest() == Dialect::Postgres)
            QVERIFY2(after.contains(QStringLiteral("chat_interactions 0")),
                qPrintable(after.join(QLatin1Char(','))));
        else
            QVERIFY(QFileInfo(p.url.mid(7)).size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestRobustStores)
#include "tst_robust_stores.moc"
