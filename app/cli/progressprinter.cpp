#include "progressprinter.h"

#include "clicommon.h"
#include "snapshot/exportprogress.h"

#include <QCoreApplication>
#include <QLocale>

#include <unistd.h>

namespace RagScope::Cli {

void ProgressPrinter::addOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("progress"),
        QCoreApplication::translate("RagScope::Cli",
            "Print progress (done / total, rate, time left) on stderr even when it is not a "
            "terminal.") });
}

ProgressPrinter::ProgressPrinter(const QCommandLineParser& parser, Unit unit)
    : m_unit(unit)
    , m_terminal(::isatty(fileno(errorStream())) == 1)
    , m_enabled(m_terminal || parser.isSet(QStringLiteral("progress")))
{
    m_clock.start();
    m_lastShown = -1000; // the first update is shown at once
}

void ProgressPrinter::update(qint64 done, qint64 total)
{
    const bool finished = done == total && done != m_lastDone;
    m_lastDone = done;
    if (!m_enabled || (m_clock.elapsed() - m_lastShown < (m_terminal ? 200 : 1000) && !finished))
        return;
    m_lastShown = m_clock.elapsed();
    // "\r…   ": the rewritten line may be shorter than the one before it.
    const QString text = m_terminal ? QString(QLatin1Char('\r') + line(done, total) + QStringLiteral("   "))
                                    : QString(line(done, total) + QLatin1Char('\n'));
    std::fputs(text.toLocal8Bit().constData(), errorStream());
    std::fflush(errorStream());
    m_open = m_terminal;
}

void ProgressPrinter::finish()
{
    if (m_open)
        std::fputs("\n", errorStream());
    m_open = false;
}

QString ProgressPrinter::line(qint64 done, qint64 total) const
{
    if (m_unit == Unit::Rows)
        return ProgressMeter(ExportProgress { done, total }, m_clock.elapsed()).text();
    // Queries may take seconds each: time left from the time per query, not from a rate per second.
    const QLocale english(QLocale::English); // digit groups as ProgressMeter writes them
    QString text = QCoreApplication::translate("ProgressPrinter", "%1 / %2 queries")
                       .arg(english.toString(done), english.toString(total));
    if (done > 0)
        text += QCoreApplication::translate("ProgressPrinter", " · %1 s left")
                    .arg((m_clock.elapsed() * (total - done) / done + 999) / 1000);
    return text;
}

} // namespace RagScope::Cli
