// View → Theme: switching to Dark repaints the window, the charts and the detail view from the
// dark palette; System brings the platform palette back; semantic colours (secondary text,
// error, warning, ok) read at 4.5:1 or better on every theme; ui/ keeps no literal colours.
#include "appearance/semanticcolors.h"
#include "appearance/semantictint.h"
#include "appearance/theme.h"
#include "appearance/themepalettes.h"
#include "charts/timechart.h"
#include "guitest.h"
#include "mainwindow.h"
#include "pages/overviewpage.h"
#include "widgets/filterbar.h"
#include "widgets/interactiondetailview.h"

#include <QApplication>
#include <QChart>
#include <QDirIterator>
#include <QLabel>
#include <QLegend>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

using namespace RagScope;
using Role = SemanticColors::Role;

Q_DECLARE_METATYPE(QPalette)
Q_DECLARE_METATYPE(RagScope::SemanticColors::Role)

namespace {

QAction* themeAction(MainWindow& window, Theme::Choice choice)
{
    for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
        for (QAction* action : menu->actions())
            if (action->objectName() == QStringLiteral("theme-") + Theme::key(choice))
                return action;
    return nullptr;
}

double worstContrast(const QColor& text, const QPalette& palette)
{
    return std::min(SemanticColors::contrast(text, palette.color(QPalette::Base)),
        SemanticColors::contrast(text, palette.color(QPalette::Window)));
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QPalette m_platform;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Test::useSettingsIn(m_dir, QStringLiteral("RagScopeTest-theme"));
        m_platform = QApplication::palette();
    }

    void init() { QSettings().clear(); }

    void cleanup() { Theme::apply(Theme::Choice::System); }

    void darkRepaintsWindowChartsAndDetailViewAndSystemRestores()
    {
        MainWindow window;
        auto* overview = new OverviewPage;
        window.addPage(overview);
        auto* detail = new InteractionDetailView(&window);
        detail->setMessage(QStringLiteral("Select an interaction"));
        window.resize(1200, 800);
        window.show();
        QChart* chart = overview->requestsChart()->chart();
        const QColor lightBackground = chart->backgroundBrush().color();
        const QColor lightSecondary = detail->secondaryColor();
        QCOMPARE(lightBackground, m_platform.color(QPalette::Base));
        QVERIFY(!detail->toHtml().contains(QStringLiteral("#6b6b6b")));

        QAction* dark = themeAction(window, Theme::Choice::Dark);
        QVERIFY(dark && dark->isCheckable());
        QVERIFY(themeAction(window, Theme::Choice::System)->isChecked());
        dark->trigger();
        QCoreApplication::sendPostedEvents(); // windows get the new palette through posted events
        QVERIFY(dark->isChecked());
        QCOMPARE(Theme::current(), Theme::Choice::Dark);
        QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));

        const QPalette darkPalette = ThemePalettes::dark();
        QCOMPARE(window.palette().color(QPalette::Window), darkPalette.color(QPalette::Window));
        QCOMPARE(detail->palette().color(QPalette::Base), darkPalette.color(QPalette::Base));
        // The chart follows live: background, axis labels, grid and legend.
        QCOMPARE(chart->backgroundBrush().color(), darkPalette.color(QPalette::Base));
        QVERIFY(!chart->axes().isEmpty());
        for (QAbstractAxis* axis : chart->axes()) {
            QCOMPARE(axis->labelsBrush().color(), darkPalette.color(QPalette::WindowText));
            QCOMPARE(axis->gridLineColor().rgb(), darkPalette.color(QPalette::Mid).rgb());
        }
        QCOMPARE(chart->legend()->labelColor(), darkPalette.color(QPalette::WindowText));
        // The detail view's field names and messages: a readable secondary colour, in the HTML.
        const QColor darkSecondary = detail->secondaryColor();
        QVERIFY(darkSecondary != lightSecondary);
        QVERIFY(worstContrast(darkSecondary, darkPalette) >= SemanticColors::MinimumContrast);
        QVERIFY(detail->toHtml().contains(darkSecondary.name(), Qt::CaseInsensitive));
        QVERIFY(!detail->toHtml().contains(lightSecondary.name(), Qt::CaseInsensitive));

        themeAction(window, Theme::Choice::System)->trigger();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("system"));
        QCOMPARE(window.palette().color(QPalette::Window), m_platform.color(QPalette::Window));
        QCOMPARE(chart->backgroundBrush().color(), lightBackground);
        QCOMPARE(detail->secondaryColor(), lightSecondary);
        QVERIFY(detail->toHtml().contains(lightSecondary.name(), Qt::CaseInsensitive));
    }

    void savedChoiceIsReadBack()
    {
        QCOMPARE(Theme::saved(), Theme::Choice::System); // nothing kept yet
        Theme::save(Theme::Choice::Light);
        QCOMPARE(Theme::saved(), Theme::Choice::Light);
        QSettings().setValue(QStringLiteral("appearance/theme"), QStringLiteral("purple"));
        QCOMPARE(Theme::saved(), Theme::Choice::System);
        QCOMPARE(Theme::fromKey(QStringLiteral("dark")), std::optional(Theme::Choice::Dark));
        QVERIFY(!Theme::fromKey(QStringLiteral("Dark")));
    }

    void semanticColoursReadOnEveryTheme_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<Role>("role");
        const QList<std::pair<const char*, QPalette>> palettes { { "light", ThemePalettes::light() },
            { "dark", ThemePalettes::dark() }, { "platform", QApplication::palette() } };
        const QList<std::pair<const char*, Role>> roles { { "secondary", Role::Secondary },
            { "error", Role::Error }, { "warning", Role::Warning }, { "ok", Role::Ok } };
        for (const auto& [paletteName, palette] : palettes)
            for (const auto& [roleName, role] : roles)
                QTest::addRow("%s %s", paletteName, roleName) << palette << role;
    }

    void semanticColoursReadOnEveryTheme()
    {
        QFETCH(QPalette, palette);
        QFETCH(Role, role);
        const QColor text = SemanticColors::text(role, palette);
        QVERIFY2(worstContrast(text, palette) >= SemanticColors::MinimumContrast,
            qPrintable(QStringLiteral("%1: %2").arg(text.name()).arg(worstContrast(text, palette))));
        // Badges and chart marks: white text on the fill.
        QVERIFY(SemanticColors::contrast(SemanticColors::onFill(), SemanticColors::fill(role))
            >= SemanticColors::MinimumContrast);
    }

    void contrastIsWcags()
    {
        QCOMPARE(SemanticColors::contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(SemanticColors::contrast(Qt::white, Qt::white), 1.0);
        // #767676 on white is the classic 4.54:1.
        QVERIFY(qAbs(SemanticColors::contrast(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
    }

    void errorLabelsFollowTheTheme()
    {
        FilterBar bar;
        bar.setCustomRange(QDateTime(), QDateTime()); // refused: the error label shows
        auto* error = bar.findChild<QLabel*>(QStringLiteral("rangeError"));
        QVERIFY(error && !bar.rangeError().isEmpty());
        const QColor lightError = error->palette().color(QPalette::WindowText);
        QCOMPARE(lightError, SemanticColors::text(Role::Error, bar.palette()));

        Theme::apply(Theme::Choice::Dark);
        QCoreApplication::sendPostedEvents();
        const QColor darkError = error->palette().color(QPalette::WindowText);
        QVERIFY(darkError != lightError);
        QCOMPARE(darkError, SemanticColors::text(Role::Error, ThemePalettes::dark()));
        QVERIFY(worstContrast(darkError, bar.palette()) >= SemanticColors::MinimumContrast);

        SemanticTint::clear(error); // back to plain text
        QCOMPARE(error->palette().color(QPalette::WindowText), bar.palette().color(QPalette::WindowText));
    }

    // Colours in ui/ come from the palette or SemanticColors (ui/appearance/): a literal colour
    // in code, a style sheet or HTML would not follow the theme.
    void uiHasNoLiteralColours()
    {
        const QString ui = qEnvironmentVariable("RAGSCOPE_SOURCE_DIR") + QStringLiteral("/ui");
        QVERIFY(QFileInfo(ui).isDir());
        const QRegularExpression literal(
            QStringLiteral(R"(QColor\(0x|QColor\(\d|color:\s*#|Qt::(red|white|black|gray|darkGray)\b)"));
        QStringList found;
        QDirIterator it(ui, { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/appearance/")))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            int line = 0;
            while (!file.atEnd()) {
                ++line;
                const QString text = QString::fromUtf8(file.readLine());
                if (literal.match(text).hasMatch())
                    found << QStringLiteral("%1:%2: %3")
                                 .arg(path.mid(ui.size() + 1))
                                 .arg(line)
                                 .arg(text.trimmed());
            }
        }
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
