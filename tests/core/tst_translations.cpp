// The German catalog (resources/translations/ragscope_de.ts, embedded in ragscope_core) and Qt's
// own German strings load through Translations::install; English loads neither. The catalog is
// in sync with the tree's tr() strings, and dates on screen follow the locale (LocaleTime).
#include "i18n/localetime.h"
#include "i18n/translations.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace RagScope;

namespace {

struct Catalog
{
    QSet<QString> messages; ///< "context | source"
    QStringList unfinished;
};

Catalog readCatalog(const QString& path)
{
    Catalog catalog;
    QFile ts(path);
    if (!ts.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QXmlStreamReader xml(&ts);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            catalog.messages.insert(context + QLatin1String(" | ") + source);
        } else if (xml.name() == QLatin1String("translation")
            && xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished")) {
            catalog.unfinished << source;
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return catalog;
}

QString catalogPath()
{
    return qEnvironmentVariable("RAGSCOPE_SOURCE_DIR")
        + QStringLiteral("/resources/translations/ragscope_de.ts");
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void englishNeedsNoCatalog()
    {
        const Translations::Loaded loaded
            = Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(!loaded.ragscope);
        QCOMPARE(QCoreApplication::translate("RagScope::MainWindow", "&File"), QStringLiteral("&File"));
    }

    void germanTranslatesRagScopeAndQt()
    {
        const Translations::Loaded loaded = Translations::install(QLocale(QLocale::German, QLocale::Germany));
        QVERIFY(loaded.ragscope);
        QVERIFY2(loaded.qt, "qtbase_de.qm not found (Debian: qt6-translations-l10n)");
        QCOMPARE(QCoreApplication::translate("RagScope::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(
            QCoreApplication::translate("RagScope::OverviewPage", "Overview"), QStringLiteral("Übersicht"));
        QCOMPARE(QCoreApplication::translate("ProgressMeter", "%1 / %2 rows").arg(1).arg(2),
            QStringLiteral("1 / 2 Zeilen"));
        QCOMPARE(QCoreApplication::translate("RagScope::AlertsPage", "%n rule(s) from %1", nullptr, 3)
                     .arg(QStringLiteral("x")),
            QStringLiteral("3 Regeln aus x"));
        QCOMPARE(QCoreApplication::translate("QCommandLineParser", "Displays version information."),
            QStringLiteral("Zeigt Versionsinformation an."));
        // core error messages and the CLI's help are in the catalog too
        QCOMPARE(QCoreApplication::translate("RagScope::Store", "no SQLite store at %1"),
            QStringLiteral("Kein SQLite-Speicher unter %1"));
        QCOMPARE(QCoreApplication::translate("RagScope::Cli", "--from and --to are required"),
            QStringLiteral("--from und --to sind erforderlich"));
    }

    void removeAllGoesBackToEnglish()
    {
        QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)).ragscope);
        QCOMPARE(QCoreApplication::translate("RagScope::MainWindow", "&File"), QStringLiteral("&Datei"));
        Translations::removeAll();
        QCOMPARE(QCoreApplication::translate("RagScope::MainWindow", "&File"), QStringLiteral("&File"));
        QCOMPARE(
            QCoreApplication::translate("RagScope::SavedQueueStore", "there is no review queue named \"%1\""),
            QStringLiteral("there is no review queue named \"%1\""));
    }

    void germanCatalogIsComplete()
    {
        // Every string lupdate found has a German text (an unfinished one would show in English).
        const Catalog catalog = readCatalog(catalogPath());
        QVERIFY(catalog.messages.size() > 700);
        QVERIFY2(catalog.unfinished.isEmpty(), qPrintable(catalog.unfinished.join(QStringLiteral(" | "))));
    }

    void catalogHoldsEveryTrStringOfTheTree()
    {
        // lupdate (as `--target update_translations` runs it) over a copy of the catalog: nothing
        // new to translate and nothing obsolete, so the catalog matches today's tr() strings.
        const QString root = qEnvironmentVariable("RAGSCOPE_SOURCE_DIR");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("ragscope_de.ts"));
        QVERIFY(QFile::copy(catalogPath(), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QStringList sources;
        for (const char* folder : { "core", "ui", "app" }) {
            QDirIterator it(root + QLatin1Char('/') + QLatin1String(folder),
                { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
                QDirIterator::Subdirectories);
            while (it.hasNext())
                sources << it.next();
        }
        QFile list(dir.filePath(QStringLiteral("sources.lst")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(sources.join(QLatin1Char('\n')).toUtf8());
        list.close();
        QProcess lupdate;
        lupdate.start(qEnvironmentVariable("RAGSCOPE_LUPDATE"),
            { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-I"), root + QStringLiteral("/core"), QStringLiteral("-I"),
                root + QStringLiteral("/ui"), QLatin1Char('@') + list.fileName(), QStringLiteral("-ts"),
                copy });
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate (qt6-l10n-tools) did not finish");
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
            lupdate.readAllStandardError().constData());

        const Catalog committed = readCatalog(catalogPath());
        const Catalog current = readCatalog(copy);
        QStringList missing = (current.messages - committed.messages).values();
        QStringList stale = (committed.messages - current.messages).values();
        missing.sort();
        stale.sort();
        QVERIFY2(missing.isEmpty(),
            qPrintable(
                QStringLiteral("not in the catalog (cmake --build build --target update_translations): ")
                + missing.join(QStringLiteral(" ;; "))));
        QVERIFY2(stale.isEmpty(),
            qPrintable(QStringLiteral("no longer in the code: ") + stale.join(QStringLiteral(" ;; "))));
    }

    void datesFollowTheLocale()
    {
        const QDateTime at = QDateTime::fromString(QStringLiteral("2026-11-30T14:05:09Z"), Qt::ISODate);
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(LocaleTime::dateTime(at, german), QStringLiteral("30.11.2026 14:05"));
        QCOMPARE(LocaleTime::dateTime(at, german, true), QStringLiteral("30.11.2026 14:05:09"));
        QCOMPARE(LocaleTime::date(at.date(), german), QStringLiteral("30.11.2026"));
        const QLocale american(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(LocaleTime::dateTime(at, american), QStringLiteral("11/30/2026 2:05 PM"));
        // No preference (LC_ALL=C): ISO 8601, as files and machine output always are.
        QCOMPARE(LocaleTime::dateTime(at, QLocale::c(), true), QStringLiteral("2026-11-30 14:05:09"));
        // Always shown in UTC, whatever time zone the value carries.
        QCOMPARE(LocaleTime::dateTime(at.toOffsetFromUtc(3600), german), QStringLiteral("30.11.2026 14:05"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
