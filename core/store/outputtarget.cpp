#include "outputtarget.h"
#include "sqliteheader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace RagScope::OutputTarget {

namespace {

// The folder resolved through its symlinks and `..`, plus the name as given.
QString canonicalSpelling(const QString& path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (folder.isEmpty() ? QDir::cleanPath(info.absolutePath()) : folder) + QLatin1Char('/')
        + info.fileName();
}

} // namespace

bool sameFile(const QString& a, const QString& b)
{
    struct stat sa; // filled by stat(2), read only when it succeeded
    struct stat sb;
    if (::stat(QFile::encodeName(a).constData(), &sa) == 0
        && ::stat(QFile::encodeName(b).constData(), &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return canonicalSpelling(a) == canonicalSpelling(b);
}

Status check(const QString& path)
{
    if (path.isEmpty())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::OutputTarget", "no file name given to write to"));
    const QFileInfo info(path);
    if (info.isDir())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::OutputTarget", "cannot write %1: it is a folder, not a file")
                .arg(path));
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::OutputTarget", "cannot write %1: %2 %3")
                .arg(path, folder.filePath(),
                    folder.exists() ? QStringLiteral("is not a folder") : QStringLiteral("does not exist")));
    if (!folder.isWritable()) // access(2): root may write anywhere, others need the permission
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate(
                "RagScope::OutputTarget", "cannot write %1: no permission to create files in %2")
                .arg(path, folder.filePath()));
    return Done {};
}

Status checkReplaceable(const QString& path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir() && (!info.isFile() || !looksLikeSqliteFile(path)))
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::OutputTarget", "will not replace %1: it is not a SQLite database")
                .arg(path));
    return Done {};
}

} // namespace RagScope::OutputTarget
