// ragscope-cli: headless RagScope — migrate, stats as JSON, feedback, review queues, demo
// data, snapshots, rollups and benchmarks, all thin over ragscope_core.
#include "clicommon.h"
#include "commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <functional>
#include <map>

using namespace RagScope::Cli;

namespace {

struct Command
{
    const char* summary;
    std::function<int(const QStringList&)> run;
};

const std::map<QString, Command>& commands()
{
    static const std::map<QString, Command> table {
        { QStringLiteral("migrate"), { "apply (or --rollback the latest) schema migrations", migrateCommand } },
        { QStringLiteral("stats"), { "metrics of a window, as a table or --json", statsCommand } },
        { QStringLiteral("feedback"), { "record an end user's rating of an interaction", feedbackCommand } },
        { QStringLiteral("low-rated"), { "list low-rated interactions, newest first (keyset pages)", lowRatedCommand } },
        { QStringLiteral("demo"), { "create a deterministic demo SQLite store", demoCommand } },
        { QStringLiteral("export"), { "export a store or a window of it as a SQLite snapshot", exportCommand } },
        { QStringLiteral("rollup"), { "refresh the rollup tables incrementally (stats --approx reads them)", rollupCommand } },
        { QStringLiteral("bench"), { "measure query times on a store (no pass/fail)", benchCommand } },
    };
    return table;
}

int printUsage(QTextStream& stream)
{
    stream << "Usage: ragscope-cli <command> [options]   (ragscope-cli <command> --help for its options)\n\nCommands:\n";
    for (const auto& [name, command] : commands())
        stream << "  " << name.leftJustified(10) << ' ' << command.summary << '\n';
    stream << "\nExit status: 0 success, 2 bad arguments or input, 3 not found, 4 store unreachable or refused.\n";
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ragscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RAGSCOPE_VERSION));
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        QTextStream stream(args.isEmpty() ? stderr : stdout);
        printUsage(stream);
        return args.isEmpty() ? BadInput : Ok;
    }
    if (args.first() == QLatin1String("--version")) {
        out(QStringLiteral("ragscope-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    const auto it = commands().find(args.first());
    if (it == commands().end())
        return usage(QStringLiteral("unknown command '%1'").arg(args.first()));
    return it->second.run(args);
}
