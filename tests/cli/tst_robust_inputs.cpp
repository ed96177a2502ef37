// Bad input and refusals, table-driven against the real ragscope-cli: every row gets its
// documented exit status, exactly one line on stderr (nothing on stdout), and leaves the
// store as it was — same row counts and, for SQLite, the same bytes and no -wal/-shm/-journal
// file beside it.
#include "clirunner.h"
#include "fixtures.h"
#include "testdatabase.h"

#include "demo/demogenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrl>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QStringList CountedTables { QStringLiteral("chat_interactions"), QStringLiteral("chat_feedbacks"),
    QStringLiteral("ragscope_reviews"), QStringLiteral("ragscope_migrations") };
const QStringList SqliteSidecars { QStringLiteral("-wal"), QStringLiteral("-shm"),
    QStringLiteral("-journal") };

// A store's observable state: row counts (-1: no such table) and, for SQLite, the file's hash
// and the sidecar files present.
struct StoreState
{
    QList<qint64> counts;
    QByteArray sha256;
    QStringList sidecars;
    bool operator==(const StoreState&) const = default;
};

// The bad times of issue 7 and their neighbours, as the CLI gets them.
const QStringList BadTimes { QStringLiteral("2026-11-19Tfoo"), QStringLiteral("2026-11-19T25:00:00Z"),
    QStringLiteral("2026-11-19T23:60:00Z"), QStringLiteral("2026-11-19T00:00:00+99:00"),
    QStringLiteral("2026-11-19x"), QStringLiteral("2026-11-19T24:00:00Z"), QStringLiteral("2026-13-01"),
    QStringLiteral("2026-02-29"), QStringLiteral("2026-11-19T10:00:00z"),
    QStringLiteral("2026-11-19T00:00:00.0001Z") };

} // namespace

class TestRobustInputs : public QObject
{
    Q_OBJECT

private:
    enum class Subject { Demo, Broken, ReadOnlyFile };

    QString subjectUrl(Subject s) const
    {
        return s == Subject::ReadOnlyFile ? QStringLiteral("sqlite:") + m_readOnlyCopy
                                          : (s == Subject::Broken ? m_broken : m_demo)->url();
    }

    StoreState stateOf(Subject s)
    {
        StoreState state;
        const QString url = subjectUrl(s);
        const QString path = url.startsWith(QLatin1String("sqlite:")) ? url.mid(7) : QString();
        // files first: the counting connection below must not be what we see
        if (!path.isEmpty()) {
            state.sha256 = fileSha256(path);
            for (const QString& suffix : SqliteSidecars) {
                if (QFile::exists(path + suffix))
                    state.sidecars << suffix;
            }
        }
        {
            auto store = Store::open(url, Store::OpenOptions {});
            if (!store.ok())
                qFatal("cannot open %s: %s", qPrintable(url), qPrintable(store.error().message));
            for (const QString& table : CountedTables) {
                auto q = store.value()->exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
                state.counts << (q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1);
            }
        } // the store and its connection close here, before the CLI runs
        if (!path.isEmpty()) {
            for (const QString& suffix : SqliteSidecars) {
                if (QFile::exists(path + suffix))
                    qFatal("%s%s left behind by the test's own connection", qPrintable(path),
                        qPrintable(suffix));
            }
        }
        return state;
    }

    QStringList expand(QStringList args) const
    {
        const bool pg = dialectUnderTest() == Dialect::Postgres;
        const QString missing = pg ? TestDatabase::serverUrlFor(QStringLiteral("rs_no_such_database"))
                                   : QStringLiteral("sqlite:") + m_absent;
        const QList<std::pair<QString, QString>> placeholders {
            { QStringLiteral("@DB"), m_demo->url() },
            { QStringLiteral("@BROKEN"), m_broken->url() },
            { QStringLiteral("@ROFILE"), QStringLiteral("sqlite:") + m_readOnlyCopy },
            { QStringLiteral("@ID"), m_interaction },
            { QStringLiteral("@OUT"), m_absent },
            { QStringLiteral("@MISSING"), missing },
            { QStringLiteral("@BADPASSWORD"),
                pg ? TestDatabase::serverUrlFor(
                    m_pgDatabase, QStringLiteral("postgres"), QStringLiteral("wrong-pw"))
                   : QString() },
            { QStringLiteral("@RO2"),
                pg ? TestDatabase::serverUrlFor(m_pgDatabase, m_roles.value(0), QStringLiteral("ro"))
                   : QString() },
            { QStringLiteral("@ROALL"),
                pg ? TestDatabase::serverUrlFor(m_pgDatabase, m_roles.value(1), QStringLiteral("ro"))
                   : QString() },
        };
        for (QString& a : args) {
            for (const auto& [key, value] : placeholders)
                a.replace(key, value);
        }
        return args;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_demo;
    std::unique_ptr<TestDatabase> m_broken;
    QString m_interaction;
    QString m_absent;
    QString m_readOnlyCopy;
    QString m_pgDatabase;
    QStringList m_roles;

private slots:
    void usageListsEveryExitStatus()
    {
        const CliRun run = runCli({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (int status = 0; status <= 5; ++status) {
            const QRegularExpression line(
                QStringLiteral("^  %1  \\S").arg(status), QRegularExpression::MultilineOption);
            QVERIFY2(line.match(run.out).hasMatch(),
                qPrintable(QStringLiteral("status %1 missing:\n%2").arg(status).arg(run.out)));
        }
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_absent = m_dir.filePath(QStringLiteral("never-created.sqlite"));
        m_demo = std::make_unique<TestDatabase>();
        {
            DemoOptions options;
            options.rows = 400;
            options.end = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
            const StorePtr store = m_demo->open();
            const auto made = DemoGenerator::generate(store, options);
            QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
            auto q = store->exec(QStringLiteral("SELECT id FROM chat_interactions ORDER BY id LIMIT 1"));
            QVERIFY(q.ok() && q.value().next());
            m_interaction = q.value().value(0).toString().remove(QLatin1Char('{')).remove(QLatin1Char('}'));
        }
        // A store whose tables lack the columns the dashboard reads: every query fails.
        m_broken = std::make_unique<TestDatabase>();
        m_broken->execScript(QStringLiteral(
            "CREATE TABLE chat_interactions (id TEXT PRIMARY KEY, user_id TEXT, created_at TEXT);"
            "CREATE TABLE chat_feedbacks (id TEXT PRIMARY KEY, interaction_id TEXT, rating INTEGER, "
            "created_at TEXT);"
            "INSERT INTO chat_interactions VALUES ('a', 'u', '2026-10-01T00:00:00Z');"));
        if (dialectUnderTest() == Dialect::Sqlite) {
            m_readOnlyCopy = m_dir.filePath(QStringLiteral("read-only.sqlite"));
            QVERIFY(QFile::copy(m_demo->url().mid(7), m_readOnlyCopy));
            // rollback-journal mode, as files meant to be read elsewhere are: WAL needs a writable -shm
            {
                QSqlDatabase db
                    = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("copy"));
                db.setDatabaseName(m_readOnlyCopy);
                QVERIFY(db.open());
                QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("copy"));
            QVERIFY(QFile::setPermissions(m_readOnlyCopy, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        } else {
            // Roles are cluster-wide: unique names, dropped again in cleanupTestCase.
            m_pgDatabase = QUrl(m_demo->url()).path().mid(1);
            const QString suffix = m_pgDatabase.right(8);
            m_roles
                = QStringList { QStringLiteral("rs_ro2_") + suffix, QStringLiteral("rs_roall_") + suffix };
            m_demo->execScript(QStringLiteral(
                "CREATE ROLE %1 LOGIN PASSWORD 'ro'; GRANT SELECT ON chat_interactions, chat_feedbacks TO %1;"
                "CREATE ROLE %2 LOGIN PASSWORD 'ro'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO %2;")
                                   .arg(m_roles[0], m_roles[1]));
        }
    }

    void cleanupTestCase()
    {
        for (const QString& role : std::as_const(m_roles))
            m_demo->execScript(QStringLiteral("DROP OWNED BY %1; DROP ROLE %1;").arg(role));
    }

    void refusedWithOneLineAndNothingChanged_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("pattern"); // the whole stderr line after "ragscope-cli: "
        QTest::addColumn<int>("subject");
        const bool pg = dialectUnderTest() == Dialect::Postgres;
        const auto row = [](const QString& name, const QString& args, int exitCode, const QString& pattern,
                             Subject subject = Subject::Demo) {
            QTest::newRow(qPrintable(name))
                << (args.isEmpty() ? QStringList {} : args.split(QLatin1Char('|'))) << exitCode << pattern
                << int(subject);
        };
        const QString window = QStringLiteral("--from|2026-10-01|--to|");
        for (const QString& bad : BadTimes) {
            const QString quoted = QRegularExpression::escape(QStringLiteral("'%1'").arg(bad));
            const QString why = QStringLiteral("--to %1 (is not|has a UTC offset|is finer).*").arg(quoted);
            row(QStringLiteral("stats --to %1").arg(bad), QStringLiteral("stats|--db|@DB|") + window + bad, 2,
                why);
            row(QStringLiteral("export --to %1").arg(bad),
                QStringLiteral("export|--db|@DB|--out|@OUT|") + window + bad, 2, why);
            row(QStringLiteral("bench --to %1").arg(bad), QStringLiteral("bench|--db|@DB|") + window + bad, 2,
                why);
            row(QStringLiteral("demo --end %1").arg(bad),
                QStringLiteral("demo|--out|@OUT|--rows|10|--end|") + bad, 2,
                QStringLiteral("--end %1 (is not|has a UTC offset|is finer).*").arg(quoted));
        }
        row(QStringLiteral("stats --from after --to"),
            QStringLiteral("stats|--db|@DB|--from|2026-10-02|--to|2026-10-01"), 2,
            QStringLiteral("--from must be before --to"));
        row(QStringLiteral("rating 0"), QStringLiteral("feedback|--db|@DB|--interaction|@ID|--rating|0"), 2,
            QStringLiteral(".*1 to 5.*"));
        row(QStringLiteral("rating 7"), QStringLiteral("feedback|--db|@DB|--interaction|@ID|--rating|7"), 2,
            QStringLiteral(".*1 to 5.*"));
        row(QStringLiteral("rating x"), QStringLiteral("feedback|--db|@DB|--interaction|@ID|--rating|x"), 2,
            QStringLiteral("rating 'x' is not a whole number.*"));
        row(QStringLiteral("comment of 2001 characters"),
            QStringLiteral("feedback|--db|@DB|--interaction|@ID|--rating|3|--comment|")
                + QString(2001, QLatin1Char('c')),
            2, QStringLiteral(".*2000.*"));
        row(QStringLiteral("unknown interaction"),
            QStringLiteral("feedback|--db|@DB|--interaction|00000000-0000-4000-8000-000000000000|--rating|3"),
            3, QStringLiteral(".*"));
        row(QStringLiteral("missing --db"), QStringLiteral("stats|--from|2026-10-01|--to|2026-11-01"), 2,
            QStringLiteral("--db URL is required"));
        row(QStringLiteral("bad URL"),
            QStringLiteral("stats|--db|mysql://h/db|--from|2026-10-01|--to|2026-11-01"), 2,
            QStringLiteral("bad store URL.*"));
        row(QStringLiteral("unknown option"), QStringLiteral("stats|--db|@DB|--colour"), 2,
            QStringLiteral("Unknown option.*"));
        row(QStringLiteral("no command"), QString(), 2, QStringLiteral("no command given.*"));
        row(QStringLiteral("unknown command"), QStringLiteral("frobnicate|--db|@DB"), 2,
            QStringLiteral("unknown command.*"));
        row(QStringLiteral("bench --repeat x"), QStringLiteral("bench|--db|@DB|--repeat|x"), 2,
            QStringLiteral("--repeat must be.*"));
        row(QStringLiteral("unknown database"),
            QStringLiteral("stats|--db|@MISSING|--from|2026-10-01|--to|2026-11-01"), 3,
            pg ? QStringLiteral(".*database \"rs_no_such_database\" does not exist")
               : QStringLiteral("no SQLite store at .*"));
        row(QStringLiteral("bench on a store whose queries fail"),
            QStringLiteral("bench|--db|@BROKEN|--from|2026-09-01|--to|2026-11-01|--repeat|1"), 5,
            QStringLiteral("bench: [^:]+: .*(column|no such|does not exist).*"), Subject::Broken);
        row(QStringLiteral("bench without window on a store whose queries fail"),
            QStringLiteral("bench|--db|@BROKEN|--repeat|1"), 5,
            QStringLiteral(".*(column|no such|does not exist).*"), Subject::Broken);
        if (pg) {
            row(QStringLiteral("wrong password"),
                QStringLiteral("stats|--db|@BADPASSWORD|--from|2026-10-01|--to|2026-11-01"), 4,
                QStringLiteral(".*refused the credentials for user 'postgres'.*"));
            row(QStringLiteral("migrate --rollback, SELECT on the two tables only"),
                QStringLiteral("migrate|--rollback|--db|@RO2"), 4, QStringLiteral(".*permission denied.*"));
            row(QStringLiteral("migrate --rollback, SELECT on every table"),
                QStringLiteral("migrate|--rollback|--db|@ROALL"), 4,
                QStringLiteral(".*(permission denied|must be owner).*"));
            row(QStringLiteral("feedback by a read-only role"),
                QStringLiteral("feedback|--db|@ROALL|--interaction|@ID|--rating|3"), 4, QStringLiteral(".*"));
        } else {
            row(QStringLiteral("migrate --rollback on a read-only file"),
                QStringLiteral("migrate|--rollback|--db|@ROFILE"), 4, QStringLiteral(".*readonly.*"),
                Subject::ReadOnlyFile);
            row(QStringLiteral("feedback on a read-only file"),
                QStringLiteral("feedback|--db|@ROFILE|--interaction|@ID|--rating|3"), 4, QStringLiteral(".*"),
                Subject::ReadOnlyFile);
        }
    }

    void refusedWithOneLineAndNothingChanged()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, pattern);
        QFETCH(int, subject);
        const auto s = static_cast<Subject>(subject);
        QFile::remove(m_absent); // an earlier row that wrongly succeeded must not fail this one
        const StoreState before = stateOf(s);
        const CliRun run = runCli(expand(args));
        const QString diagnosis = QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(run.err);
        QVERIFY2(run.exitCode == exitCode, qPrintable(diagnosis));
        QVERIFY2(run.err.endsWith(QLatin1Char('\n')) && run.err.count(QLatin1Char('\n')) == 1,
            qPrintable(diagnosis));
        const QRegularExpression line(
            QStringLiteral("^ragscope-cli: ") + pattern + QStringLiteral("( \\(see --help\\))?\\n\\z"));
        QVERIFY2(line.match(run.err).hasMatch(), qPrintable(diagnosis));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out.left(300)));
        QVERIFY2(!QFile::exists(m_absent), "a refused command created a file");
        const StoreState after = stateOf(s);
        QCOMPARE(after.counts, before.counts);
        QCOMPARE(after.sha256, before.sha256);
        QCOMPARE(after.sidecars, QStringList {});
    }
};

QTEST_GUILESS_MAIN(TestRobustInputs)
#include "tst_robust_inputs.moc"
