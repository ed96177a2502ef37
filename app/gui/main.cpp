// ragscope: the desktop dashboard. Parses the command line, builds the window with its pages
// and opens a store (--db, --demo, or the last one / the start page).

#include "alerts/alertsetup.h"
#include "appearance/theme.h"
#include "i18n/translations.h"
#include "mainwindow.h"
#include "pages/alertspage.h"
#include "pages/costpage.h"
#include "pages/latencypage.h"
#include "pages/modelspage.h"
#include "pages/overviewpage.h"
#include "pages/qualitypage.h"
#include "pages/reviewpage.h"
#include "screenshotrunner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

using namespace RagScope;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    Translations::install();
    QApplication::setOrganizationName(QStringLiteral("RagScope"));
    QApplication::setApplicationName(QStringLiteral("RagScope"));
    QApplication::setApplicationVersion(QStringLiteral(RAGSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/ragscope/icons/ragscope.svg")));
    // Wayland and the task managers match the window to packaging/org.ragscope.RagScope.desktop.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.ragscope.RagScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Dashboard for the monitoring store of a RAG chat service."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"),
        QApplication::translate("main", "Open the store at URL (postgresql://… or a .sqlite file)."),
        QStringLiteral("URL"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate("main", "Open the demo store (created on first use)."));
    // For making docs/screenshots: open the store, save every page to DIR/<page>.png, exit.
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
        QApplication::translate("main", "Save a PNG of each page to DIR and exit."), QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption pricing(QStringLiteral("pricing"),
        QApplication::translate("main",
            "Price table (JSON, with effective dates) for the recomputed cost, reconciliation, what-if "
            "and forecast, instead of the built-in one."),
        QStringLiteral("FILE"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QApplication::translate("main", "Use the theme NAME (system, light or dark) for this run only."),
        QStringLiteral("NAME"));
    parser.addOptions({ db, demo, screenshots, pricing, theme });
    // The desktop entry's "Open with RagScope" for a SQLite file (Exec=ragscope %f).
    parser.addPositionalArgument(QStringLiteral("file"),
        QApplication::translate("main", "A SQLite store or snapshot to open (as --db sqlite:FILE)."),
        QStringLiteral("[file]"));
    parser.process(app);

    QTextStream err(stderr);
    if (parser.isSet(db) && parser.isSet(demo)) {
        err << QApplication::translate("main", "ragscope: --db and --demo exclude each other") << Qt::endl;
        return 2;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1 || (!files.isEmpty() && (parser.isSet(db) || parser.isSet(demo)))) {
        err << QApplication::translate("main", "ragscope: give one store: a file, --db or --demo")
            << Qt::endl;
        return 2;
    }
    const auto themeChoice = parser.isSet(theme) ? Theme::fromKey(parser.value(theme)) : Theme::saved();
    if (!themeChoice) {
        err << QApplication::translate("main", "ragscope: --theme is system, light or dark") << Qt::endl;
        return 2;
    }
    Theme::apply(*themeChoice);
    const QString url = files.isEmpty() ? parser.value(db) : QStringLiteral("sqlite:") + files.first();

    auto* cost = new CostPage;
    if (parser.isSet(pricing)) {
        const auto table = PriceTable::fromFile(parser.value(pricing));
        if (!table.ok()) {
            err << QStringLiteral("ragscope: ") << table.error().message << Qt::endl;
            return 2;
        }
        cost->setPriceTable(table.value());
    }

    MainWindow window;
    auto* review = new ReviewPage;
    window.addPage(new OverviewPage);
    window.addPage(cost);
    window.addPage(new LatencyPage);
    window.addPage(new QualityPage);
    window.addPage(new ModelsPage);
    window.addPage(review);
    auto* alerts = new AlertsPage;
    window.addPage(alerts);
    new AlertSetup(&window, alerts); // rules file, monitor, badge, notifications (owned by the window)
    window.setDrillDownTarget(review, [review](const ReviewQueueQuery& query) { review->showQuery(query); });

    if (parser.isSet(screenshots)) {
        if (url.isEmpty() && !parser.isSet(demo)) {
            err << QApplication::translate("main", "ragscope: --screenshots needs --db URL or --demo")
                << Qt::endl;
            return 2;
        }
        auto* runner = new ScreenshotRunner(&window, parser.value(screenshots), &app);
        QObject::connect(runner, &ScreenshotRunner::finished, &app, [&err](int code, const QString& message) {
            err << QStringLiteral("ragscope: ") << message << Qt::endl;
            QCoreApplication::exit(code);
        });
    } else {
        window.resize(1280, 800);
        window.restoreSession(); // the last session's geometry and page, if any
        window.show();
    }

    if (!url.isEmpty())
        window.openUrl(url);
    else if (parser.isSet(demo))
        window.openDemo();
    else
        window.openLastOrShowStart();
    return app.exec();
}
