// The SQLite files ragscope-cli writes (snapshots, demo stores) are written safely: never over
// their own source, never half-written at the target (failure, kill -9, a server restart), and
// finished in rollback-journal mode so they can be read anywhere, even from a read-only folder.
#include "clirunner.h"
#include "fixtures.h"
#include "testdatabase.h"

#include "demo/demogenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QtTest>

#include <unistd.h>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QStringList WholeRange { QStringLiteral("--from"), QStringLiteral("2026-01-01"), QStringLiteral("--to"),
    QStringLiteral("2027-01-01") };

// Counted on a read-only connection of the test's own, so that counting changes nothing.
qint64 countRows(const QString& path, const QString& table)
{
    const QString name = QStringLiteral("count-") + path;
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("SELECT count(*) FROM ") + table) && q.next())
            count = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

QByteArray headerBytes(const QString& path, int offset, int count)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset))
        return {};
    return f.read(count);
}

// Bytes 18 and 19 of a SQLite header: 1 = rollback journal, 2 = WAL.
QByteArray journalFormat(const QString& path)
{
    return headerBytes(path, 18, 2);
}

// SQLite's application id, which RagScope sets last on a file it builds.
bool markedComplete(const QString& path)
{
    return headerBytes(path, 68, 4) == QByteArray("RAGS");
}

// ragscope-cli run by an unprivileged user: `nobody` when the tests run as root (root may
// write anywhere), else the test's own user.
CliRun runCliUnprivileged(const QStringList& args)
{
    if (::geteuid() != 0)
        return runCli(args);
    QProcess process;
    process.start(QStringLiteral("runuser"),
        QStringList { QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"),
            qEnvironmentVariable("RAGSCOPE_CLI") }
            + args);
    CliRun run;
    if (!process.waitForFinished(120'000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

const QFileDevice::Permissions ReadOnlyFolder = QFileDevice::ReadOwner | QFileDevice::ExeOwner
    | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;

QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

bool oneLine(const QString& text)
{
    return !text.trimmed().isEmpty() && !text.trimmed().contains(QLatin1Char('\n'));
}

// Interactions with a fixed shape, by the server's own SQL: enough rows for a slow export.
QString bulkFillSql(Dialect dialect, int rows)
{
    if (dialect == Dialect::Postgres)
        return QStringLiteral(
            "INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, citations_count,"
            " total_latency_ms, prompt_tokens, completion_tokens, total_tokens, model_name, cost_estimate, "
            "created_at)"
            " SELECT md5(g::text)::uuid, 'user-' || (g % 97), 'question ' || g, repeat('answer ', 40) || g,"
            " (g % 100) / 100.0, g % 5, 100 + g % 900, 1000, 200, 1200, 'gemini-1.5-flash-latest', "
            "0.00012345,"
            " TIMESTAMPTZ '2026-06-01 00:00:00+00' + g * INTERVAL '37 seconds'"
            " FROM generate_series(1, %1) AS g")
            .arg(rows);
    return QStringLiteral(
        "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %1)"
        " INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, citations_count,"
        " total_latency_ms, prompt_tokens, completion_tokens, total_tokens, model_name, cost_usd_e8, "
        "created_at)"
        " SELECT printf('%08x-0000-4000-8000-%012x', g, g), 'user-' || (g % 97), 'question ' || g,"
        " replace(hex(zeroblob(40)), '00', 'answer ') || g, (g % 100) / 100.0, g % 5, 100 + g % 900, 1000, "
        "200,"
        " 1200, 'gemini-1.5-flash-latest', 12345,"
        " strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2026-06-01', '+' || (g * 37) || ' seconds') FROM s")
        .arg(rows);
}

} // namespace

// The checks of both dialect runs; the dialect-specific ones are in the two classes below.
class TestRobustFiles : public QObject
{
    Q_OBJECT

protected:
    // A small store of the dialect under test (600 demo rows).
    QString smallSource()
    {
        if (!m_small) {
            m_small = std::make_unique<TestDatabase>();
            DemoOptions options;
            options.rows = 600;
            options.end = QDateTime(QDate(2026, 11, 20), QTime(0, 0), QTimeZone::utc());
            const auto made = DemoGenerator::generate(m_small->open(), options);
            if (!made.ok())
                qFatal("demo: %s", qPrintable(made.error().message));
        }
        return m_small->url();
    }

    // A store whose export takes seconds, so that it can be interrupted while it writes.
    QString bigSource()
    {
        if (!m_big) {
            m_big = std::make_unique<TestDatabase>();
            m_big->open();
            m_big->execScript(bulkFillSql(m_big->dialect(), 120'000));
        }
        return m_big->url();
    }

    // Starts `export` of the big source into `target` and returns once it has written rows into
    // a file beside it (not the target, which must not change). Fails if it ends first.
    bool startExportAndWaitForWriting(QProcess& process, const QString& target)
    {
        const QString url = bigSource();
        const QFileInfo info(target);
        process.start(qEnvironmentVariable("RAGSCOPE_CLI"),
            QStringList {
                QStringLiteral("export"), QStringLiteral("--db"), url, QStringLiteral("--out"), target });
        if (!process.waitForStarted())
            return false;
        QElapsedTimer waited;
        waited.start();
        while (process.state() == QProcess::Running && waited.elapsed() < 120'000) {
            for (const QFileInfo& f : info.dir().entryInfoList(QDir::Files | QDir::Hidden)) {
                if (f.fileName() != info.fileName() && f.size() > 1024 * 1024)
                    return true;
            }
            QThread::msleep(10);
        }
        qWarning("the export ended (or hung) before it had written 1 MB: %s",
            qPrintable(QString::fromUtf8(process.readAllStandardError())));
        return false;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_small;
    std::unique_ptr<TestDatabase> m_big;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void targetsThatCannotTakeAFileAreRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("out"); // relative to the test folder
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        for (const QString& command : { QStringLiteral("export"), QStringLiteral("demo") }) {
            const QByteArray c = command.toUtf8();
            QTest::addRow("%s into a folder", c.constData())
                << command << QStringLiteral("afolder") << 2 << QStringLiteral("is a folder");
            QTest::addRow("%s into a missing folder", c.constData())
                << command << QStringLiteral("missing/x.sqlite") << 3 << QStringLiteral("does not exist");
            QTest::addRow("%s over a file that is not SQLite", c.constData())
                << command << QStringLiteral("notes.txt") << 2 << QStringLiteral("not a SQLite database");
        }
    }

    void targetsThatCannotTakeAFileAreRefused()
    {
        QFETCH(QString, command);
        QFETCH(QString, out);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("afolder")));
        QFile notes(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("my notes\n");
        notes.close();
        QStringList args { command, QStringLiteral("--out"), dir.filePath(out) };
        if (command == QLatin1String("export"))
            args << QStringLiteral("--db") << smallSource();
        else
            args << QStringLiteral("--rows") << QStringLiteral("100");
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(oneLine(run.err) && run.err.contains(message), qPrintable(run.err));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("notes.txt") });
        QCOMPARE(QDir(dir.filePath(QStringLiteral("afolder"))).isEmpty(), true);
        QVERIFY(notes.open(QIODevice::ReadOnly));
        QCOMPARE(notes.readAll(), QByteArray("my notes\n"));
    }

    void killedExportLeavesNothingAndIsCleanedUpNextTime_data()
    {
        QTest::addColumn<bool>("targetExists");
        QTest::newRow("new target") << false;
        QTest::newRow("existing target") << true;
    }

    void killedExportLeavesNothingAndIsCleanedUpNextTime()
    {
        QFETCH(bool, targetExists);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("out.sqlite"));
        QByteArray before;
        if (targetExists) {
            const CliRun old = runCli(QStringList { QStringLiteral("export"), QStringLiteral("--db"),
                smallSource(), QStringLiteral("--out"), target });
            QVERIFY2(old.exitCode == 0, qPrintable(old.err));
            before = fileSha256(target);
        }
        QProcess cli;
        QVERIFY(startExportAndWaitForWriting(cli, target));
        cli.kill(); // SIGKILL: nothing of the writer's own clean-up runs
        QVERIFY(cli.waitForFinished());
        QCOMPARE(cli.exitStatus(), QProcess::CrashExit);

        QCOMPARE(QFile::exists(target), targetExists);
        if (targetExists)
            QCOMPARE(fileSha256(target), before);
        QStringList leftovers = entries(dir.path());
        leftovers.removeOne(QStringLiteral("out.sqlite"));
        QVERIFY2(!leftovers.isEmpty(), "the killed export left no temporary file to clean up");
        for (const QString& name : std::as_const(leftovers))
            QVERIFY2(!markedComplete(dir.filePath(name)),
                qPrintable(name + QStringLiteral(" looks like a finished file")));

        // The next export into that folder removes what the dead writer left.
        const QString next = dir.filePath(QStringLiteral("next.sqlite"));
        const CliRun again = runCli(QStringList {
            QStringLiteral("export"), QStringLiteral("--db"), smallSource(), QStringLiteral("--out"), next });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QStringList expected { QStringLiteral("next.sqlite") };
        if (targetExists)
            expected << QStringLiteral("out.sqlite");
        QCOMPARE(entries(dir.path()), expected);
    }

    void replacingAFileKeepsItsPermissionsAndLinks_data()
    {
        QTest::addColumn<bool>("throughSymlink");
        QTest::newRow("private file") << false;
        QTest::newRow("symlink to a private file") << true;
    }

    void replacingAFileKeepsItsPermissionsAndLinks()
    {
        QFETCH(bool, throughSymlink);
        QTemporaryDir dir;
        const QString real = dir.filePath(QStringLiteral("real.sqlite"));
        const QString link = dir.filePath(QStringLiteral("link.sqlite"));
        QFile empty(real); // an empty file is an empty SQLite database
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        QVERIFY(QFile::setPermissions(real, ownerOnly));
        if (throughSymlink)
            QVERIFY(QFile::link(QStringLiteral("real.sqlite"), link));
        const CliRun run = runCli({ QStringLiteral("export"), QStringLiteral("--db"), smallSource(),
            QStringLiteral("--out"), throughSymlink ? link : real });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QFileInfo(real).permissions()
                & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser),
            ownerOnly);
        if (throughSymlink)
            QCOMPARE(QFileInfo(link).symLinkTarget(), real);
        QVERIFY(markedComplete(real)); // the new snapshot went into the file itself
    }

    void finishedFilesAreRollbackJournalAndReadableAnywhere_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("readOnlyFolder"); // read by an unprivileged user from a 0555 folder
        QTest::newRow("snapshot") << QStringLiteral("export") << false;
        QTest::newRow("demo") << QStringLiteral("demo") << false;
        QTest::newRow("snapshot in a read-only folder") << QStringLiteral("export") << true;
        QTest::newRow("demo in a read-only folder") << QStringLiteral("demo") << true;
    }

    void finishedFilesAreRollbackJournalAndReadableAnywhere()
    {
        QFETCH(QString, command);
        QFETCH(bool, readOnlyFolder);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("files"));
        QVERIFY(QDir().mkpath(folder));
        const QString file = folder + QStringLiteral("/made.sqlite");
        QStringList args { command, QStringLiteral("--out"), file };
        if (command == QLatin1String("export"))
            args << QStringLiteral("--db") << smallSource();
        else
            args << QStringLiteral("--rows") << QStringLiteral("300") << QStringLiteral("--end")
                 << QStringLiteral("2026-11-20T00:00:00Z");
        const CliRun made = runCli(args);
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QCOMPARE(entries(folder), QStringList { QStringLiteral("made.sqlite") });
        QCOMPARE(journalFormat(file), QByteArray("\x01\x01", 2));

        QVERIFY(markedComplete(file));

        QStringList stats { QStringLiteral("stats"), QStringLiteral("--db"), file, QStringLiteral("--json") };
        stats << WholeRange;
        CliRun read;
        if (readOnlyFolder) {
            QVERIFY(QFile::setPermissions(dir.path(), ReadOnlyFolder | QFileDevice::WriteOwner));
            QVERIFY(QFile::setPermissions(folder, ReadOnlyFolder));
            read = runCliUnprivileged(stats);
        } else {
            read = runCli(stats);
        }
        QVERIFY2(read.exitCode == 0, qPrintable(read.err));
        QVERIFY(read.json().value(QStringLiteral("requests")).toInteger() > 0);
        QCOMPARE(
            entries(folder), QStringList { QStringLiteral("made.sqlite") }); // no -wal, -shm or -journal left
    }

    void folderWithoutWritePermissionIsRefusedClearly_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("export") << QStringLiteral("export");
        QTest::newRow("demo") << QStringLiteral("demo");
    }

    void folderWithoutWritePermissionIsRefusedClearly()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(folder));
        QStringList args { command, QStringLiteral("--out"), folder + QStringLiteral("/x.sqlite") };
        if (command == QLatin1String("export")) {
            QString source = smallSource();
            if (dialectUnderTest() == Dialect::Sqlite) { // a copy the unprivileged user may read
                source = dir.filePath(QStringLiteral("source.sqlite"));
                QVERIFY(QFile::copy(StoreLocation::parse(smallSource())->sqlitePath, source));
            }
            args << QStringLiteral("--db") << source;
        }
        QVERIFY(QFile::setPermissions(dir.path(), ReadOnlyFolder | QFileDevice::WriteOwner));
        QVERIFY(QFile::setPermissions(folder, ReadOnlyFolder));
        const CliRun run = runCliUnprivileged(args);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(oneLine(run.err) && run.err.contains(QStringLiteral("no permission to create files in")),
            qPrintable(run.err));
        QCOMPARE(entries(folder), QStringList {});
    }
};

// A SQLite source is a file that --out can name, however it is spelled.
class TestRobustFilesSqlite : public TestRobustFiles
{
    Q_OBJECT

private slots:
    void exportOntoItsOwnSourceIsRefused_data()
    {
        QTest::addColumn<QString>("out"); // relative to the working folder <dir>/work
        QTest::newRow("same path") << QStringLiteral("../self.sqlite");
        QTest::newRow("absolute path") << m_dir.filePath(QStringLiteral("self.sqlite"));
        QTest::newRow("through ..") << QStringLiteral("../work/../self.sqlite");
        QTest::newRow("symlink to it") << QStringLiteral("link.sqlite");
        QTest::newRow("symlinked folder") << QStringLiteral("folderlink/self.sqlite");
        QTest::newRow("hard link to it") << QStringLiteral("hard.sqlite");
        QTest::newRow("its WAL file") << QStringLiteral("../self.sqlite-wal");
    }

    void exportOntoItsOwnSourceIsRefused()
    {
        QFETCH(QString, out);
        const QString self = m_dir.filePath(QStringLiteral("self.sqlite"));
        const QString work = m_dir.filePath(QStringLiteral("work"));
        if (!QFile::exists(self)) {
            const CliRun made = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), self,
                QStringLiteral("--rows"), QStringLiteral("2000"), QStringLiteral("--end"),
                QStringLiteral("2026-11-20T00:00:00Z") });
            QVERIFY2(made.exitCode == 0, qPrintable(made.err));
            QVERIFY(QDir().mkpath(work));
            QVERIFY(QFile::link(QStringLiteral("../self.sqlite"), work + QStringLiteral("/link.sqlite")));
            QVERIFY(QFile::link(m_dir.path(), work + QStringLiteral("/folderlink")));
            QCOMPARE(::link(QFile::encodeName(self).constData(),
                         QFile::encodeName(work + QStringLiteral("/hard.sqlite")).constData()),
                0);
        }
        const QByteArray hash = fileSha256(self);
        const qint64 interactions = countRows(self, QStringLiteral("chat_interactions"));
        const qint64 feedbacks = countRows(self, QStringLiteral("chat_feedbacks"));
        QCOMPARE(interactions, 2000);

        QProcess cli; // in <dir>/work, so that relative spellings mean something
        cli.setWorkingDirectory(work);
        cli.start(qEnvironmentVariable("RAGSCOPE_CLI"),
            { QStringLiteral("export"), QStringLiteral("--db"), QStringLiteral("../self.sqlite"),
                QStringLiteral("--out"), out, QStringLiteral("--from"), QStringLiteral("2026-11-19"),
                QStringLiteral("--to"), QStringLiteral("2026-11-20") });
        QVERIFY(cli.waitForFinished(120'000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY2(oneLine(err) && err.contains(QStringLiteral("store being exported")), qPrintable(err));
        QCOMPARE(fileSha256(self), hash);
        QCOMPARE(countRows(self, QStringLiteral("chat_interactions")), interactions);
        QCOMPARE(countRows(self, QStringLiteral("chat_feedbacks")), feedbacks);
        QVERIFY(!QFile::exists(self + QStringLiteral("-wal")));
    }
};

// A PostgreSQL source has a server that can restart under a running export.
class TestRobustFilesPostgres : public TestRobustFiles
{
    Q_OBJECT

private slots:
    void serverRestartMidExportFailsCleanlyOrCompletes()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("out.sqlite"));
        QProcess cli;
        QVERIFY(startExportAndWaitForWriting(cli, target));
        TestDatabase::restartServer();
        QVERIFY(cli.waitForFinished(300'000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        if (cli.exitCode() != 0) {
            QVERIFY2(cli.exitCode() == 4 && oneLine(err),
                qPrintable(QStringLiteral("exit %1: %2").arg(cli.exitCode()).arg(err)));
            QCOMPARE(entries(dir.path()), QStringList {});
            return;
        }
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("out.sqlite") });
        const CliRun source = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
                                         bigSource(), QStringLiteral("--json") }
            + WholeRange);
        const CliRun copy = runCli(
            QStringList { QStringLiteral("stats"), QStringLiteral("--db"), target, QStringLiteral("--json") }
            + WholeRange);
        QCOMPARE(source.json().value(QStringLiteral("requests")).toInteger(), 120'000);
        const QString diff = diffJson(source.json(), copy.json());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (dialectUnderTest() == Dialect::Postgres) {
        TestRobustFilesPostgres postgres;
        return QTest::qExec(&postgres, argc, argv);
    }
    TestRobustFilesSqlite sqlite;
    return QTest::qExec(&sqlite, argc, argv);
}
#include "tst_robust_files.moc"
