// ragscope-cli as users and scripts meet it: exit statuses (0/2/3/4), one clear line on
// stderr, feedback validation, paging, migrations, demo determinism, snapshots.
#include "clirunner.h"
#include "testdatabase.h"

#include "demo/demogenerator.h"
#include "feedback/feedbackservice.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

class TestCli : public QObject
{
    Q_OBJECT

private:
    QString demoUrl()
    {
        if (!m_demo) {
            m_demo = std::make_unique<TestDatabase>();
            DemoOptions options;
            options.rows = 600;
            options.end = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
            const auto made = DemoGenerator::generate(m_demo->open(), options);
            if (!made.ok())
                qFatal("demo: %s", qPrintable(made.error().message));
        }
        return m_demo->url();
    }

    QUuid someInteraction()
    {
        const auto page = FeedbackService(m_demo->open(false)).lowConfidence(1);
        return page.ok() && !page.value().rows.isEmpty() ? page.value().rows.first().id : QUuid();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_demo;

private slots:
    void badArgumentsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList {} << QStringLiteral("Usage");
        QTest::newRow("unknown command")
            << QStringList { QStringLiteral("frobnicate") } << QStringLiteral("unknown command");
        QTest::newRow("stats without window")
            << QStringList { QStringLiteral("stats"), QStringLiteral("--db"), QStringLiteral("x.sqlite") }
            << QStringLiteral("--from and --to are required");
        QTest::newRow("stats with a bad time") << QStringList { QStringLiteral("stats"),
            QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--from"),
            QStringLiteral("yesterday"), QStringLiteral("--to"), QStringLiteral("2026-01-01") }
                                               << QStringLiteral("not an ISO 8601 time");
        QTest::newRow("stats with from after to") << QStringList { QStringLiteral("stats"),
            QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--from"),
            QStringLiteral("2026-02-01"), QStringLiteral("--to"), QStringLiteral("2026-01-01") }
                                                  << QStringLiteral("--from must be before --to");
        QTest::newRow("sub-millisecond window") << QStringList { QStringLiteral("stats"),
            QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--from"),
            QStringLiteral("2026-01-01T00:00:00.0001Z"), QStringLiteral("--to"),
            QStringLiteral("2026-02-01") } << QStringLiteral("millisecond precision");
        QTest::newRow("unsupported URL") << QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
            QStringLiteral("mysql://h/db"), QStringLiteral("--from"), QStringLiteral("2026-01-01"),
            QStringLiteral("--to"), QStringLiteral("2026-02-01") }
                                         << QStringLiteral("bad store URL");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("stats"), QStringLiteral("--colour") }
                                        << QStringLiteral("Unknown option");
        QTest::newRow("low-rated limit out of range") << QStringList { QStringLiteral("low-rated"),
            QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--limit"),
            QStringLiteral("0") } << QStringLiteral("--limit");
    }

    void badArgumentsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void storesThatCannotBeReadGiveClearErrors()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const QStringList window { QStringLiteral("--from"), QStringLiteral("2026-01-01"),
            QStringLiteral("--to"), QStringLiteral("2026-02-01") };
        CliRun run
            = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), missing } + window);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("no SQLite store")), qPrintable(run.err));

        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, '\x5a'));
        f.close();
        run = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), corrupt } + window);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("not a SQLite database")), qPrintable(run.err));
        QCOMPARE(f.size(), 4096); // nothing was written to it

        TestDatabase empty;
        run = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), empty.url() } + window);
        QCOMPARE(run.exitCode, 3); // SQLite: no file yet; PostgreSQL: a database without tables
        QVERIFY2(run.err.contains(QStringLiteral("holds no tables"))
                || run.err.contains(QStringLiteral("no SQLite store")),
            qPrintable(run.err));
    }

    void unreachableOrRefusedServersExitWithFour()
    {
        if (dialectUnderTest() != Dialect::Postgres)
            return; // needs the PostgreSQL server; the sqlite run checks files above
        const QStringList window { QStringLiteral("--from"), QStringLiteral("2026-01-01"),
            QStringLiteral("--to"), QStringLiteral("2026-02-01") };
        QUrl wrong(TestDatabase::serverUrl());
        wrong.setPassword(QStringLiteral("not-the-password"));
        CliRun run = runCli(
            QStringList { QStringLiteral("stats"), QStringLiteral("--db"), wrong.toString() } + window);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("refused the credentials")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("not-the-password")), "the password must never be printed");

        QTcpServer probe; // a port that was free a moment ago
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        run = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
                         QStringLiteral("postgresql://u:p@127.0.0.1:%1/db").arg(port) }
            + window);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("cannot reach")), qPrintable(run.err));

        run = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"),
                         TestDatabase::serverUrlFor(QStringLiteral("no_such_db")) }
            + window);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("does not exist")), qPrintable(run.err));
    }

    void feedbackIsValidatedBeforeAnythingIsWritten_data()
    {
        QTest::addColumn<QString>("rating");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("rating 7") << QStringLiteral("7") << QString() << 2 << QStringLiteral("1 to 5");
        QTest::newRow("rating 0") << QStringLiteral("0") << QString() << 2 << QStringLiteral("1 to 5");
        QTest::newRow("rating not a number")
            << QStringLiteral("five") << QString() << 2 << QStringLiteral("whole number");
        QTest::newRow("comment of 2001 characters")
            << QStringLiteral("3") << QString(2001, QLatin1Char('x')) << 2 << QStringLiteral("2000");
        QTest::newRow("comment of 2000 multi-byte characters")
            << QStringLiteral("3") << QString(2000, QChar(0x00E9)) << 0 << QString();
    }

    void feedbackIsValidatedBeforeAnythingIsWritten()
    {
        QFETCH(QString, rating);
        QFETCH(QString, comment);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString url = demoUrl();
        const QUuid id = someInteraction();
        QVERIFY(!id.isNull());
        const auto before = FeedbackService(m_demo->open(false)).byInteraction(id);
        QVERIFY(before.ok());
        QStringList args { QStringLiteral("feedback"), QStringLiteral("--db"), url,
            QStringLiteral("--interaction"), id.toString(QUuid::WithoutBraces), QStringLiteral("--rating"),
            rating };
        if (!comment.isNull())
            args << QStringLiteral("--comment") << comment;
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        const auto after = FeedbackService(m_demo->open(false)).byInteraction(id);
        QVERIFY(after.ok());
        if (exitCode != 0) {
            QVERIFY2(run.err.contains(message), qPrintable(run.err));
            QCOMPARE(after.value().has_value(), before.value().has_value());
            if (before.value())
                QCOMPARE(after.value()->rating, before.value()->rating);
        } else {
            QVERIFY(after.value().has_value());
            QCOMPARE(after.value()->comment, comment);
        }
    }

    void feedbackForUnknownOrMalformedInteractions()
    {
        const QString url = demoUrl();
        CliRun run = runCli(
            { QStringLiteral("feedback"), QStringLiteral("--db"), url, QStringLiteral("--interaction"),
                QStringLiteral("not-a-uuid"), QStringLiteral("--rating"), QStringLiteral("3") });
        QCOMPARE(run.exitCode, 2);
        run = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), url,
            QStringLiteral("--interaction"), QUuid::createUuid().toString(QUuid::WithoutBraces),
            QStringLiteral("--rating"), QStringLiteral("3") });
        QCOMPARE(run.exitCode, 3);
    }

    void resubmittingFeedbackUpdatesTheSameRow()
    {
        const QString url = demoUrl();
        const QString id = someInteraction().toString(QUuid::WithoutBraces);
        const QRegularExpression savedId(QStringLiteral("^feedback (\\S+) saved"));
        const CliRun first = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), url,
            QStringLiteral("--interaction"), id, QStringLiteral("--rating"), QStringLiteral("2") });
        const CliRun second = runCli({ QStringLiteral("feedback"), QStringLiteral("--db"), url,
            QStringLiteral("--interaction"), id, QStringLiteral("--rating"), QStringLiteral("5"),
            QStringLiteral("--comment"), QStringLiteral("fixed") });
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(savedId.match(first.out).captured(1), savedId.match(second.out).captured(1));
    }

    void lowRatedPagesCoverEveryRowOnce()
    {
        const QString url = demoUrl();
        const CliRun all = runCli({ QStringLiteral("low-rated"), QStringLiteral("--db"), url,
            QStringLiteral("--limit"), QStringLiteral("1000"), QStringLiteral("--json") });
        QCOMPARE(all.exitCode, 0);
        const QJsonArray expected = all.json().value(QStringLiteral("rows")).toArray();
        QVERIFY(expected.size() > 10);
        QJsonArray paged;
        QString cursor;
        for (int page = 0; page < 100; ++page) {
            QStringList args { QStringLiteral("low-rated"), QStringLiteral("--db"), url,
                QStringLiteral("--limit"), QStringLiteral("7"), QStringLiteral("--json") };
            if (!cursor.isEmpty())
                args << QStringLiteral("--after") << cursor;
            const CliRun run = runCli(args);
            QCOMPARE(run.exitCode, 0);
            const QJsonObject o = run.json();
            for (const QJsonValue& row : o.value(QStringLiteral("rows")).toArray())
                paged.append(row);
            if (o.value(QStringLiteral("next_cursor")).isNull())
                break;
            cursor = o.value(QStringLiteral("next_cursor")).toString();
        }
        QCOMPARE(paged, expected);
    }

    void migrateCreatesRollsBackAndReapplies()
    {
        TestDatabase db;
        CliRun run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), db.url() });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), db.url() });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("nothing to do")), qPrintable(run.out));
        run = runCli(
            { QStringLiteral("migrate"), QStringLiteral("--rollback"), QStringLiteral("--db"), db.url() });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("rolled back migration 11")), qPrintable(run.out));
        run = runCli({ QStringLiteral("migrate"), QStringLiteral("--db"), db.url() });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("applied 1 migration")), qPrintable(run.out));
    }

    void demoIsDeterministic()
    {
        const auto make = [this](const QString& name, const QString& seed) {
            const QString path = m_dir.filePath(name);
            const CliRun run = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), path,
                QStringLiteral("--rows"), QStringLiteral("800"), QStringLiteral("--seed"), seed,
                QStringLiteral("--end"), QStringLiteral("2026-11-01T00:00:00Z") });
            if (run.exitCode != 0)
                qWarning("%s", qPrintable(run.err));
            return runCli({ QStringLiteral("stats"), QStringLiteral("--db"), path, QStringLiteral("--from"),
                              QStringLiteral("2026-08-01"), QStringLiteral("--to"),
                              QStringLiteral("2026-11-01"), QStringLiteral("--json") })
                .json();
        };
        const QJsonObject a = make(QStringLiteral("a.sqlite"), QStringLiteral("7"));
        QCOMPARE(a.value(QStringLiteral("requests")).toInteger(), 800);
        QCOMPARE(make(QStringLiteral("b.sqlite"), QStringLiteral("7")), a);
        QVERIFY(make(QStringLiteral("c.sqlite"), QStringLiteral("8")) != a);
    }

    void pricingWithADuplicatePrefixIsRefused()
    {
        const QString prices = m_dir.filePath(QStringLiteral("duplicate-prices.json"));
        QFile f(prices);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"models": [{"prefix": "gemini-1.5-flash", "input": "0.075", "output": "0.3"},
                               {"prefix": "gemini-1.5-flash", "input": "0.15", "output": "0.6"}]})");
        f.close();
        const QString out = m_dir.filePath(QStringLiteral("never-written.sqlite"));
        const CliRun run = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), out,
            QStringLiteral("--rows"), QStringLiteral("10"), QStringLiteral("--pricing"), prices });
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one line
        QVERIFY2(run.err.contains(QStringLiteral("prefix \"gemini-1.5-flash\" is listed twice")),
            qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
    }

    void snapshotOfAWindowAnswersLikeItsSource()
    {
        const QString url = demoUrl();
        const QStringList window { QStringLiteral("--from"), QStringLiteral("2026-09-15T12:00:00Z"),
            QStringLiteral("--to"), QStringLiteral("2026-10-20T00:00:00Z") };
        const QString snapshot = m_dir.filePath(QStringLiteral("snap.sqlite"));
        const CliRun exported = runCli(QStringList { QStringLiteral("export"), QStringLiteral("--db"), url,
                                           QStringLiteral("--out"), snapshot }
            + window);
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const CliRun source = runCli(
            QStringList { QStringLiteral("stats"), QStringLiteral("--db"), url, QStringLiteral("--json") }
            + window);
        const CliRun copy = runCli(QStringList { QStringLiteral("stats"), QStringLiteral("--db"), snapshot,
                                       QStringLiteral("--json") }
            + window);
        QCOMPARE(copy.exitCode, 0);
        const QString diff = diffJson(source.json(), copy.json());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
