#include "exportprogress.h"

#include <QCoreApplication>
#include <QLocale>

namespace RagScope {

qint64 ProgressMeter::rowsPerSecond() const
{
    if (m_elapsedMs <= 0)
        return 0;
    return m_progress.done * 1000 / m_elapsedMs;
}

qint64 ProgressMeter::secondsLeft() const
{
    const qint64 rate = rowsPerSecond();
    if (rate <= 0)
        return -1;
    const qint64 left = std::max<qint64>(0, m_progress.total - m_progress.done);
    return (left + rate - 1) / rate;
}

int ProgressMeter::perMille() const
{
    if (m_progress.total <= 0)
        return 0;
    return int(std::min<qint64>(1000, m_progress.done * 1000 / m_progress.total));
}

QString ProgressMeter::text() const
{
    const QLocale english(QLocale::English); // digit groups as in the README's figures
    QString line = QCoreApplication::translate("ProgressMeter", "%1 / %2 rows")
                       .arg(english.toString(m_progress.done), english.toString(m_progress.total));
    if (const qint64 rate = rowsPerSecond(); rate > 0)
        line += QCoreApplication::translate("ProgressMeter", " · %1 rows/s · %2 s left")
                    .arg(english.toString(rate))
                    .arg(secondsLeft());
    return line;
}

} // namespace RagScope
