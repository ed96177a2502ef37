#include "sqlitefilebuilder.h"

#include <QFile>

#include <optional>

namespace RagScope::SqliteFileBuilder {

void remove(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

Status build(const QString& path, const std::function<Status(const StorePtr&)>& fill)
{
    const QString temp = path + QStringLiteral(".part");
    remove(temp);
    std::optional<Error> failure;
    {
        Store::OpenOptions options;
        options.migrate = true;
        options.createIfMissing = true;
        auto store = Store::open(QStringLiteral("sqlite:") + temp, options);
        if (!store.ok())
            return store.error();
        const Status filled = fill(store.value());
        if (filled.ok())
            store.value()->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        else
            failure = filled.error();
    } // the store and its connection close here, before the file moves
    if (failure) {
        remove(temp);
        return *failure;
    }
    remove(path);
    const bool moved = QFile::rename(temp, path);
    remove(temp);
    if (!moved)
        return makeError(ErrorKind::Query, QStringLiteral("cannot write %1").arg(path));
    return Done {};
}

} // namespace RagScope::SqliteFileBuilder
