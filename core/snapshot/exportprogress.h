#pragma once

#include <QString>
#include <QtGlobal>

namespace RagScope {

/// Rows copied so far out of the rows a snapshot will hold.
struct ExportProgress
{
    qint64 done = 0;
    qint64 total = 0;
};

/// Rate and time left of an export, as the CLI and the app show them.
class ProgressMeter
{
public:
    /// `elapsedMs` since the copy started.
    ProgressMeter(const ExportProgress& progress, qint64 elapsedMs)
        : m_progress(progress)
        , m_elapsedMs(elapsedMs)
    { }

    /// Rows per second so far (0 before the first row or the first millisecond).
    qint64 rowsPerSecond() const;
    /// Seconds left at the rate so far; -1 while unknown.
    qint64 secondsLeft() const;
    /// Per mille done (0…1000), for a progress bar.
    int perMille() const;
    /// "120,000 / 1,000,000 rows · 200,000 rows/s · 4 s left"
    QString text() const;

private:
    ExportProgress m_progress;
    qint64 m_elapsedMs;
};

} // namespace RagScope
