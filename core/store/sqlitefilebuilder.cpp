#include "sqlitefilebuilder.h"
#include "outputtarget.h"
#include "partfile.h"

#include "base/performancemonitor.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace RagScope::SqliteFileBuilder {

namespace {

// SQLite's application id (header bytes 68-71) of a finished file: "RAGS".
constexpr qint32 CompleteMark = 0x52414753;

// Secondary indexes are cheaper built once after the load than kept up to date row by row.
// Unique indexes stay: they enforce rules (one feedback per interaction) while rows go in.
struct DeferredIndex
{
    QString name;
    QString sql;
};

// The columns of an index, in order, as one key ("created_at,id").
Result<QString> indexColumns(const StorePtr& store, const QString& index)
{
    RAGSCOPE_TRY(
        rows, store->exec(QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), { index }));
    QStringList columns;
    while (rows.next())
        columns << rows.value(0).toString();
    return columns.join(QLatin1Char(','));
}

// An index whose columns lead another index of the same table is left out of a new file: the
// longer one answers the same lookups, and each index built costs a full sort of the table.
Result<QList<DeferredIndex>> dropSecondaryIndexes(const StorePtr& store)
{
    RAGSCOPE_TRY(rows,
        store->exec(QStringLiteral("SELECT m.name, m.sql, m.tbl_name FROM sqlite_master m"
                                   " JOIN pragma_index_list(m.tbl_name) i ON i.name = m.name"
                                   " WHERE m.type = 'index' AND i.\"unique\" = 0 AND i.origin = 'c'")));
    QList<DeferredIndex> all;
    QStringList keys;
    while (rows.next()) {
        all.append({ rows.value(0).toString(), rows.value(1).toString() });
        keys << rows.value(2).toString();
    }
    rows.finish();
    for (qsizetype i = 0; i < all.size(); ++i) {
        RAGSCOPE_TRY(columns, indexColumns(store, all[i].name));
        keys[i] += QLatin1Char(':') + columns;
    }
    QList<DeferredIndex> indexes;
    for (qsizetype i = 0; i < all.size(); ++i) {
        // the names come from the schema our own migrations just wrote into this new file
        RAGSCOPE_TRY(dropped, store->exec(QStringLiteral("DROP INDEX \"%1\"").arg(all[i].name)));
        const bool covered = std::any_of(keys.begin(), keys.end(),
            [&](const QString& other) { return other.startsWith(keys[i] + QLatin1Char(',')); });
        if (!covered)
            indexes.append(all[i]);
    }
    return indexes;
}

// The file is new and moves into place only when complete, so it needs no crash safety while
// it is written: no journal at all, no syncs, and an exclusive lock so that nothing reads it
// half-written. What a killed writer leaves is never taken for a finished file: it is named
// `….part` (not a store path RagScope accepts without an explicit `sqlite:`), torn if the kill
// came in the middle of a commit, lacks the CompleteMark that finish() sets last, and the next
// build in its folder removes it (PartFile::removeStale). A failed or cancelled build is
// never rolled back either: its file is deleted.
Status tuneForBulkLoad(const StorePtr& store)
{
    // Memory stays flat whatever the number of rows: a small cache (rows arrive in the order of
    // the big indexes, see monitoringTables(), so a load touches few pages twice), no journal
    // kept in memory, and index sorts that spill to temporary files. Sorts stay on this thread:
    // with a second sorter thread the index builds took longer and more memory on a busy
    // two-core machine (bench/run-export-bench).
    for (const char* pragma : { "PRAGMA locking_mode = EXCLUSIVE", "PRAGMA journal_mode = OFF",
             "PRAGMA synchronous = OFF", "PRAGMA cache_size = -4096", "PRAGMA threads = 0" }) {
        RAGSCOPE_TRY(set, store->exec(QLatin1String(pragma)));
    }
    return Done {};
}

// Rollback-journal mode (a file that travels must not need -wal/-shm), the mark of a complete
// file, then SQLite's own check of the whole file before it may replace anything.
Status finish(const StorePtr& store, const QList<DeferredIndex>& indexes,
    const std::function<Status(const StorePtr&)>& indexed)
{
    for (const DeferredIndex& index : indexes) {
        const PerformanceMonitor perf(QStringLiteral("build index %1").arg(index.name));
        RAGSCOPE_TRY(created, store->exec(index.sql));
    }
    if (indexed) {
        RAGSCOPE_TRY(worked, indexed(store));
    }
    // Statistics for the planner, sampled (analysis_limit) so they take a fraction of a second
    // on a million rows: without them SQLite guessed join orders and sizes, and the review queue
    // of a 1M-row snapshot paged 2.5 times slower (bench --pages 10: 534 -> 209 ms).
    {
        const PerformanceMonitor perf(QStringLiteral("analyze the new file"));
        RAGSCOPE_TRY(limited, store->exec(QStringLiteral("PRAGMA analysis_limit = 1000")));
        RAGSCOPE_TRY(analyzed, store->exec(QStringLiteral("ANALYZE")));
    }
    RAGSCOPE_TRY(marked, store->exec(QStringLiteral("PRAGMA application_id = %1").arg(CompleteMark)));
    RAGSCOPE_TRY(mode, store->exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
    if (!mode.next() || mode.value(0).toString().compare(QLatin1String("delete"), Qt::CaseInsensitive) != 0)
        return makeError(ErrorKind::Query,
            QCoreApplication::translate(
                "RagScope::SqliteFileBuilder", "could not switch the new file to rollback-journal mode"));
    const PerformanceMonitor perf(QStringLiteral("quick_check of the new file"));
    RAGSCOPE_TRY(check, store->exec(QStringLiteral("PRAGMA quick_check")));
    if (!check.next() || check.value(0).toString() != QLatin1String("ok"))
        return makeError(ErrorKind::Corrupt,
            QCoreApplication::translate(
                "RagScope::SqliteFileBuilder", "the new file failed SQLite's check: %1")
                .arg(check.value(0).toString()));
    return Done {};
}

Status writeInto(const QString& temp, const std::function<Status(const StorePtr&)>& fill,
    const std::function<Status(const StorePtr&)>& indexed)
{
    Store::OpenOptions options;
    options.migrate = true;
    options.createIfMissing = true;
    RAGSCOPE_TRY(store, Store::open(QStringLiteral("sqlite:") + temp, options));
    const StorePtr target = store;
    RAGSCOPE_TRY(tuned, tuneForBulkLoad(target));
    RAGSCOPE_TRY(indexes, dropSecondaryIndexes(target));
    RAGSCOPE_TRY(filled, fill(target));
    return finish(target, indexes, indexed);
} // the store and its connection close here, before the file is synced and moved

QString systemError(const QString& what, const QString& path)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}

// fsync(2) of a file or folder. Qt has no call for it.
bool syncToDisk(const QString& path, bool folder)
{
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

// The file is complete: on disk first, then atomically in place of whatever `path` held (a
// plain rename(2); QFile::rename refuses to replace), then the rename itself made durable.
Status moveIntoPlace(const QString& temp, const QString& path)
{
    // A file someone kept private stays private.
    if (QFileInfo::exists(path) && !QFile::setPermissions(temp, QFileInfo(path).permissions()))
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::SqliteFileBuilder", "cannot give %1 the permissions of %2")
                .arg(temp, path));
    if (!syncToDisk(temp, false))
        return makeError(ErrorKind::Query,
            systemError(QCoreApplication::translate("RagScope::SqliteFileBuilder", "cannot write"), temp));
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0)
        return makeError(ErrorKind::PermissionDenied,
            systemError(QCoreApplication::translate("RagScope::SqliteFileBuilder", "cannot write"), path));
    // A journal or WAL left by the file just replaced would be applied to the new one.
    for (const char* suffix : { "-journal", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    syncToDisk(QFileInfo(path).absolutePath(), true); // best effort: some file systems cannot sync a folder
    return Done {};
}

} // namespace

Status build(const QString& path, const std::function<Status(const StorePtr&)>& fill,
    const std::function<Status(const StorePtr&)>& indexed)
{
    // Like QSaveFile, write through a symlink: the file it points to is replaced, not the link.
    const QFileInfo info(path);
    const QString target = info.isSymLink() && info.exists() ? info.canonicalFilePath() : path;
    RAGSCOPE_TRY(writable, OutputTarget::check(target));
    PartFile::removeStale(QFileInfo(target).absolutePath());
    const QString temp = PartFile::nameFor(target);
    Status done = writeInto(temp, fill, indexed);
    if (done.ok())
        done = moveIntoPlace(temp, target);
    if (!done.ok())
        PartFile::remove(temp);
    return done;
}

} // namespace RagScope::SqliteFileBuilder
