#include "clicommon.h"
#include "commands.h"
#include "progressprinter.h"

#include "rollup/rolluprefresher.h"

#include <QCoreApplication>

namespace RagScope::Cli {

int rollupCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "RagScope::Cli", "Refresh RagScope's rollup tables incrementally (for cron or a systemd timer)."));
    addDbOption(parser);
    parser.addOption({ QStringLiteral("verify"),
        QCoreApplication::translate("RagScope::Cli",
            "Compare every closed hour's fingerprint with its rollup instead of reading only the "
            "change log (PostgreSQL) — after restoring a backup or disabling the triggers.") });
    ProgressPrinter::addOption(parser);
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    auto store = openStore(parser, true);
    if (!store.ok())
        return fail(store.error());
    RollupRefresher refresher(store.value());
    refresher.setVerify(parser.isSet(QStringLiteral("verify")));
    ProgressPrinter progress(parser);
    refresher.setProgress([&progress](qint64 done, qint64 total) { progress.update(done, total); });
    auto refreshed = refresher.refresh();
    progress.finish();
    if (!refreshed.ok())
        return fail(refreshed.error());
    // A role that may not write is not an error: the dashboard reads raw, nothing was changed.
    out(refreshed.value().summary() + QLatin1Char('\n'));
    return Ok;
}

} // namespace RagScope::Cli
