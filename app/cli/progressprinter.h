#pragma once

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace RagScope::Cli {

/// Progress of a long command (demo, export, rollup, bench) on stderr: done of total, rate and
/// time left. On a terminal the line is rewritten in place five times a second; otherwise it is
/// printed once a second, and only with --progress, so that scripts see nothing they did not ask for.
class ProgressPrinter
{
public:
    enum class Unit { Rows, Queries };

    /// Adds --progress to a command's options.
    static void addOption(QCommandLineParser& parser);

    explicit ProgressPrinter(const QCommandLineParser& parser, Unit unit = Unit::Rows);

    /// The work so far; the line for `done == total` is always printed.
    void update(qint64 done, qint64 total);
    /// Ends the rewritten terminal line, before the command's result or error.
    void finish();

private:
    QString line(qint64 done, qint64 total) const;

    Unit m_unit;
    bool m_terminal;
    bool m_enabled;
    bool m_open = false; ///< a terminal line waits for its end
    QElapsedTimer m_clock;
    qint64 m_lastShown = 0;
    qint64 m_lastDone = -1;
};

} // namespace RagScope::Cli
