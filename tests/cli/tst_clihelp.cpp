// ragscope-cli's help (`help CMD`, usage lines naming the command), its progress lines on stderr
// (demo, export, rollup, bench with --progress) and machine output that stays in the C locale
// whatever the user's language.
#include "clirunner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope::Test;

class TestCliHelp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString demoFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        if (!QFileInfo::exists(path)) {
            const CliRun run = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), path,
                QStringLiteral("--rows"), QStringLiteral("3000"), QStringLiteral("--end"),
                QStringLiteral("2026-11-01T00:00:00Z") });
            if (run.exitCode != 0)
                qFatal("demo: %s", qPrintable(run.err));
        }
        return path;
    }

    static QStringList commands()
    {
        const CliRun run = runCli({ QStringLiteral("--help") });
        QStringList names;
        const QString section
            = run.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
        for (const QString& line : section.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            names << line.trimmed().section(QLatin1Char(' '), 0, 0);
        return names;
    }

    /// The lines a run printed on stderr.
    static QStringList errLines(const CliRun& run)
    {
        return run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void everyCommandHasHelpNamingIt()
    {
        const QStringList names = commands();
        QVERIFY2(names.size() >= 12, qPrintable(names.join(QLatin1Char(' '))));
        QVERIFY(names.contains(QStringLiteral("help")));
        for (const QString& name : names) {
            if (name == QLatin1String("help"))
                continue;
            const CliRun help = runCli({ QStringLiteral("help"), name });
            QCOMPARE(help.exitCode, 0);
            QCOMPARE(help.err, QString());
            QCOMPARE(help.out.section(QLatin1Char('\n'), 0, 0),
                QStringLiteral("Usage: ragscope-cli %1 [options]").arg(name));
            const CliRun option = runCli({ name, QStringLiteral("--help") });
            QCOMPARE(option.exitCode, 0);
            QCOMPARE(option.out, help.out);
        }
    }

    void helpAloneListsTheCommands()
    {
        const CliRun help = runCli({ QStringLiteral("help") });
        QCOMPARE(help.exitCode, 0);
        QCOMPARE(help.out, runCli({ QStringLiteral("--help") }).out);
        QVERIFY(help.out.startsWith(QLatin1String("Usage: ragscope-cli <command> [options]")));
    }

    void badHelpIsOneLineAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList { QStringLiteral("help"), QStringLiteral("frobnicate") }
            << QStringLiteral("ragscope-cli: unknown command 'frobnicate' (see --help)");
        QTest::newRow("two commands") << QStringList { QStringLiteral("help"), QStringLiteral("stats"),
            QStringLiteral("demo") } << QStringLiteral("ragscope-cli: help takes one command (see --help)");
    }

    void badHelpIsOneLineAndExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QString());
        QCOMPARE(run.err, message + QLatin1Char('\n'));
    }

    void progressOnlyWhenAsked()
    {
        // Not a terminal (QProcess pipes): nothing on stderr unless --progress.
        const QString quiet = m_dir.filePath(QStringLiteral("quiet.sqlite"));
        const CliRun run = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), quiet,
            QStringLiteral("--rows"), QStringLiteral("500") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
    }

    void demoExportAndRollupReportRows()
    {
        const QString made = m_dir.filePath(QStringLiteral("progress.sqlite"));
        const CliRun demo = runCli({ QStringLiteral("demo"), QStringLiteral("--out"), made,
            QStringLiteral("--rows"), QStringLiteral("2500"), QStringLiteral("--progress") });
        QCOMPARE(demo.exitCode, 0);
        QVERIFY2(demo.out.startsWith(QLatin1String("demo store ")), qPrintable(demo.out));
        static const QRegularExpression rowsLine(
            QStringLiteral(R"(^([\d,]+) / ([\d,]+) rows( · [\d,]+ rows/s · \d+ s left)?$)"));
        const auto lastLineDone = [](const CliRun& run) {
            const QStringList lines = errLines(run);
            if (lines.isEmpty())
                return QString();
            const auto match = rowsLine.match(lines.last());
            return match.hasMatch() && match.captured(1) == match.captured(2) ? match.captured(1) : QString();
        };
        QCOMPARE(lastLineDone(demo), QStringLiteral("2,500"));
        for (const QString& line : errLines(demo))
            QVERIFY2(rowsLine.match(line).hasMatch(), qPrintable(line));

        const CliRun exported
            = runCli({ QStringLiteral("export"), QStringLiteral("--db"), made, QStringLiteral("--out"),
                m_dir.filePath(QStringLiteral("snapshot.sqlite")), QStringLiteral("--progress") });
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(!lastLineDone(exported).isEmpty(), qPrintable(exported.err));

        // The first refresh rebuilds every closed hour, then every closed day: the rows twice.
        const CliRun rollup = runCli(
            { QStringLiteral("rollup"), QStringLiteral("--db"), demoFile(), QStringLiteral("--progress") });
        QCOMPARE(rollup.exitCode, 0);
        QVERIFY2(rollup.out.startsWith(QLatin1String("rollups up to")), qPrintable(rollup.out));
        QCOMPARE(lastLineDone(rollup), QStringLiteral("6,000"));
    }

    void benchReportsQueries()
    {
        const CliRun bench = runCli({ QStringLiteral("bench"), QStringLiteral("--db"), demoFile(),
            QStringLiteral("--repeat"), QStringLiteral("2"), QStringLiteral("--pages"), QStringLiteral("1"),
            QStringLiteral("--json"), QStringLiteral("--progress") });
        QCOMPARE(bench.exitCode, 0);
        const int timings = int(bench.json().value(QStringLiteral("timings")).toArray().size());
        QVERIFY(timings > 10);
        // Every query runs --repeat times, the page walk once, the pool's dashboard --repeat more
        // times untimed first (its connections warmed).
        const QString runs = QString::number((timings - 1) * 2 + 1 + 2);
        const QStringList lines = errLines(bench);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(QRegularExpression(QStringLiteral("^%1 / %1 queries · 0 s left$").arg(runs))
                     .match(lines.last())
                     .hasMatch(),
            qPrintable(lines.last()));
    }

    void machineOutputStaysInTheCLocale()
    {
        // A German C library locale, compiled here because minimal systems ship only C.UTF-8.
        QTemporaryDir locales;
        QProcess localedef;
        localedef.start(QStringLiteral("localedef"),
            { QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"), QStringLiteral("UTF-8"),
                locales.filePath(QStringLiteral("de_DE.utf8")) });
        QVERIFY(localedef.waitForFinished(60000));
        QVERIFY(QFileInfo::exists(locales.filePath(QStringLiteral("de_DE.utf8/LC_NUMERIC"))));
        const QStringList german { QStringLiteral("LOCPATH=") + locales.path(),
            QStringLiteral("LC_ALL=de_DE.UTF-8"), QStringLiteral("LANG=de_DE.UTF-8"),
            QStringLiteral("LANGUAGE=de") };
        const QStringList stats { QStringLiteral("stats"), QStringLiteral("--db"), demoFile(),
            QStringLiteral("--from"), QStringLiteral("2026-08-01T00:00:00Z"), QStringLiteral("--to"),
            QStringLiteral("2026-11-01T00:00:00Z"), QStringLiteral("--json") };
        const CliRun c = runCli(stats);
        const CliRun de = runCli(stats, german);
        QCOMPARE(c.exitCode, 0);
        QCOMPARE(de.exitCode, 0);
        QVERIFY(c.out.contains(QLatin1Char('.'))); // decimals are there to be mistranslated
        QCOMPARE(de.out, c.out);
        // …while the user's language does reach the help: Qt's own strings come translated.
        const CliRun help = runCli({ QStringLiteral("help"), QStringLiteral("stats") }, german);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(
            help.out.startsWith(QLatin1String("Aufruf: ragscope-cli stats")), qPrintable(help.out.left(200)));
        QVERIFY2(
            !help.out.contains(QLatin1String("Displays help on commandline options.")), qPrintable(help.out));

        // CSV too: the same bytes, English column names and decimal points under German.
        const auto exportCsv = [this](const QString& name, const QStringList& environment) {
            const QString path = m_dir.filePath(name);
            const CliRun run = runCli(
                { QStringLiteral("export-reviews"), QStringLiteral("--db"), demoFile(),
                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), path },
                environment);
            QFile file(path);
            return std::make_pair(run, file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
        };
        const auto [cRun, cCsv] = exportCsv(QStringLiteral("c.csv"), {});
        const auto [deRun, deCsv] = exportCsv(QStringLiteral("de.csv"), german);
        QCOMPARE(cRun.exitCode, 0);
        QCOMPARE(deRun.exitCode, 0);
        QVERIFY(cCsv.count('\n') > 10);
        QCOMPARE(deCsv, cCsv);
        QVERIFY2(deCsv.startsWith("interaction_id,"), deCsv.left(200).constData());
        QVERIFY(
            QRegularExpression(QStringLiteral(",\\d+\\.\\d+,")).match(QString::fromUtf8(deCsv)).hasMatch());

        // A core error message, meant for a person, comes in German.
        const CliRun unknown = runCli(
            { QStringLiteral("export-reviews"), QStringLiteral("--db"), demoFile(),
                QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--queue"),
                QStringLiteral("nope"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("none.csv")) },
            german);
        QCOMPARE(unknown.exitCode, 3);
        QVERIFY2(unknown.err.contains(QStringLiteral("Es gibt keine Prüfliste namens „nope“")),
            qPrintable(unknown.err));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
