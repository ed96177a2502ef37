// ragscope-cli: headless RagScope — migrate, stats as JSON, feedback, review queues, demo
// data, snapshots, rollups and benchmarks, all thin over ragscope_core.
#include "clicommon.h"
#include "commands.h"
#include "i18n/translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <exception>
#include <functional>
#include <map>

using namespace RagScope::Cli;

namespace {

struct Command
{
    const char* summary; ///< translated when printed
    std::function<int(const QStringList&)> run;
};

const std::map<QString, Command>& commands()
{
    static const std::map<QString, Command> table {
        { QStringLiteral("migrate"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "apply (or --rollback the latest) schema migrations"),
                migrateCommand } },
        { QStringLiteral("stats"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "metrics of a window, as a table or --json"),
                statsCommand } },
        { QStringLiteral("feedback"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "record an end user's rating of an interaction"),
                feedbackCommand } },
        { QStringLiteral("low-rated"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "list low-rated interactions, newest first (keyset pages)"),
                lowRatedCommand } },
        { QStringLiteral("models"),
            { QT_TRANSLATE_NOOP("RagScope::Cli",
                  "models side by side in a window (cost, latency, ratings with intervals, A/B tests)"),
                modelsCommand } },
        { QStringLiteral("demo"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "create a deterministic demo SQLite store"), demoCommand } },
        { QStringLiteral("export"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "export a store or a window of it as a SQLite snapshot"),
                exportCommand } },
        { QStringLiteral("push-reviews"),
            { QT_TRANSLATE_NOOP(
                  "RagScope::Cli", "apply the reviews made in a snapshot to the store it came from"),
                pushReviewsCommand } },
        { QStringLiteral("export-reviews"),
            { QT_TRANSLATE_NOOP(
                  "RagScope::Cli", "write reviewed interactions with their verdicts as JSON Lines or CSV"),
                exportReviewsCommand } },
        { QStringLiteral("rollup"),
            { QT_TRANSLATE_NOOP(
                  "RagScope::Cli", "refresh the rollup tables incrementally (stats --approx reads them)"),
                rollupCommand } },
        { QStringLiteral("serve"),
            { QT_TRANSLATE_NOOP(
                  "RagScope::Cli", "serve the feedback HTTP API (feedback, interactions, metrics, health)"),
                serveCommand } },
        { QStringLiteral("bench"),
            { QT_TRANSLATE_NOOP("RagScope::Cli", "measure query times on a store (never fails on speed)"),
                benchCommand } },
        { QStringLiteral("whatif"),
            { QT_TRANSLATE_NOOP("RagScope::Cli",
                  "re-price a model's traffic at another price: window, month, year before/after"),
                whatIfCommand } },
        { QStringLiteral("forecast"),
            { QT_TRANSLATE_NOOP(
                  "RagScope::Cli", "this month's cost forecast (trend + weekday) against a budget"),
                forecastCommand } },
        { QStringLiteral("check"),
            { QT_TRANSLATE_NOOP("RagScope::Cli",
                  "evaluate alert rules as a monitoring plugin (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 "
                  "UNKNOWN)"),
                checkCommand } },
    };
    return table;
}

void printUsage(QTextStream& stream)
{
    stream << QCoreApplication::translate("RagScope::Cli",
        "Usage: ragscope-cli <command> [options]   (ragscope-cli help <command> for its options)")
           << "\n\n"
           << QCoreApplication::translate("RagScope::Cli", "Commands:") << '\n';
    for (const auto& [name, command] : commands())
        stream << "  " << name.leftJustified(10) << ' '
               << QCoreApplication::translate("RagScope::Cli", command.summary) << '\n';
    stream << "  " << QStringLiteral("help").leftJustified(10) << ' '
           << QCoreApplication::translate(
                  "RagScope::Cli", "the options of one command (ragscope-cli help stats)")
           << '\n';
    stream
        << '\n'
        << QCoreApplication::translate("RagScope::Cli",
               "Exit status:\n"
               "  0  success\n"
               "  1  internal error (a bug in ragscope-cli: please report it)\n"
               "  2  bad arguments or input (nothing was changed)\n"
               "  3  not found (store, database, file or interaction)\n"
               "  4  store unreachable, credentials refused, connection lost or permission denied\n"
               "  5  the store reported another database error\n"
               "Every failure prints exactly one line on stderr. RAGSCOPE_DEBUG=1 also shows Qt's and the\n"
               "database drivers' own warnings.\n");
}

// Qt and its SQL drivers warn on stderr in their own words ("QPSQLDriver::…", "Unable to free
// statement", …), several lines for one failure; the CLI reports each failure itself in one
// line, so theirs are shown only when debugging.
void quietMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    static const bool debug = qEnvironmentVariableIsSet("RAGSCOPE_DEBUG");
    if (debug || type == QtFatalMsg)
        QTextStream(errorStream()) << qFormatLogMessage(type, context, message) << '\n';
}

} // namespace

int main(int argc, char* argv[])
{
    keepLibraryOutputOffStderr();
    qInstallMessageHandler(quietMessageHandler);
    QCoreApplication app(argc, argv);
    RagScope::Translations::install(); // Qt's --help texts; machine output stays in the C locale
    QCoreApplication::setApplicationName(QStringLiteral("ragscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RAGSCOPE_VERSION));
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) // a failure like any other: one line on stderr
        return usage(QCoreApplication::translate(
            "RagScope::Cli", "no command given; Usage: ragscope-cli <command> [options]"));
    if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        QTextStream stream(stdout);
        printUsage(stream);
        return Ok;
    }
    if (args.first() == QLatin1String("--version")) {
        out(QStringLiteral("ragscope-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    // `help CMD` is `CMD --help`; `help` alone is --help.
    const bool help = args.first() == QLatin1String("help");
    if (help && args.size() == 1) {
        QTextStream stream(stdout);
        printUsage(stream);
        return Ok;
    }
    if (help && args.size() > 2)
        return usage(QCoreApplication::translate("RagScope::Cli", "help takes one command"));
    const QString name = help ? args.at(1) : args.first();
    const auto it = commands().find(name);
    if (it == commands().end())
        return usage(QCoreApplication::translate("RagScope::Cli", "unknown command '%1'").arg(name));
    try {
        return it->second.run(help ? QStringList { name, QStringLiteral("--help") } : args);
    } catch (const std::exception& e) {
        // e.g. a Result read without checking it: a bug, reported in one line rather than an abort
        return fail(RagScope::makeError(RagScope::ErrorKind::Internal,
            QCoreApplication::translate("RagScope::Cli", "internal error (please report it): %1")
                .arg(QString::fromLocal8Bit(e.what()))));
    }
}
