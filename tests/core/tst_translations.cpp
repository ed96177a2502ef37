// The German catalog (resources/translations/ragscope_de.ts, embedded in ragscope_core) and Qt's
// own German strings load through Translations::install; English loads neither.
#include "i18n/translations.h"

#include <QFile>
#include <QXmlStreamReader>
#include <QtTest>

using namespace RagScope;

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
    }

    void germanCatalogIsComplete()
    {
        // Every string lupdate found has a German text (an unfinished one would show in English).
        QFile ts(qEnvironmentVariable("RAGSCOPE_SOURCE_DIR")
            + QStringLiteral("/resources/translations/ragscope_de.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")
                && xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished")) {
                unfinished << source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 400);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
