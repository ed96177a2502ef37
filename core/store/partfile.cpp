#include "partfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <atomic>
#include <cerrno>
#include <csignal>

namespace RagScope::PartFile {

namespace {

std::atomic<quint64> g_nextPart { 1 };

bool processIsGone(qint64 pid)
{
    // EPERM: it exists but belongs to someone else, so it may still be writing.
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

QString nameFor(const QString& target)
{
    const QFileInfo info(target);
    for (;;) {
        const QString candidate = info.dir().filePath(QStringLiteral("%1.ragscope-%2-%3.part")
                                                          .arg(info.fileName())
                                                          .arg(QCoreApplication::applicationPid())
                                                          .arg(g_nextPart++));
        // A name left by a dead process that had our PID is skipped, not reused.
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(candidate + QStringLiteral("-journal")))
            return candidate;
    }
}

void removeStale(const QString& folder)
{
    static const QRegularExpression ours(
        QStringLiteral(R"(^.+\.ragscope-(\d{1,9})-\d+\.part(-journal|-wal|-shm)?$)"));
    const QDir dir(folder);
    const QStringList names
        = dir.entryList({ QStringLiteral("*.ragscope-*.part*") }, QDir::Files | QDir::Hidden);
    for (const QString& name : names) {
        const QRegularExpressionMatch match = ours.match(name);
        const qint64 pid = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (pid > 0 && pid != QCoreApplication::applicationPid() && processIsGone(pid))
            QFile::remove(dir.filePath(name));
    }
}

void remove(const QString& path)
{
    for (const char* suffix : { "", "-journal", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace RagScope::PartFile
