#include "sqliteheader.h"

#include <QFile>

namespace RagScope {

bool looksLikeSqliteFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.size() == 0 || f.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace RagScope
