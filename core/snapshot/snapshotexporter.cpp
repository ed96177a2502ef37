#include "snapshotexporter.h"

#include "base/performancemonitor.h"
#include "pgtablesource.h"
#include "reviewsetuptables.h"
#include "rollupcompletion.h"
#include "rollupcopy.h"
#include "snapshotinfo.h"
#include "sqlitetablesource.h"
#include "store/outputtarget.h"
#include "store/sqlitefilebuilder.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <algorithm>
#include <sqlite3.h>

namespace RagScope {

namespace {

constexpr qint64 RowsPerCommit = 100'000;
constexpr qint64 RowsPerProgress = 8192;

Result<sqlite3*> sqliteHandle(const Store& store)
{
    RAGSCOPE_TRY(db, store.connection());
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return makeError(ErrorKind::Internal,
            QCoreApplication::translate(
                "RagScope::SnapshotExporter", "Qt's SQLite driver gave no sqlite3 connection"));
    return *static_cast<sqlite3* const*>(handle.data());
}

Status execOn(sqlite3* db, const char* sql)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return SqliteInserter::lastError(db, QStringLiteral("writing the snapshot failed"));
    return Done {};
}

// Fills one new snapshot: counts what it will copy (for progress), copies table after table
// in large transactions, then writes the metadata.
class Fill
{
public:
    Fill(const StorePtr& source, const std::optional<Filter>& window,
        const std::function<bool(const ExportProgress&)>& progress)
        : m_source(source)
        , m_window(window)
        , m_progress(progress)
    { }

    Result<SnapshotSummary> run(const StorePtr& target)
    {
        RAGSCOPE_TRY(db, sqliteHandle(*target));
        m_db = db;
        std::unique_ptr<TableSource> source;
        if (m_source->dialect() == Dialect::Postgres) {
            source = std::make_unique<PgTableSource>(m_source);
        } else {
            RAGSCOPE_TRY(attached, SqliteTableSource::attach(db, m_source->location().sqlitePath));
            source = std::move(attached);
        }
        SnapshotSummary summary;
        if (m_source->dialect() == Dialect::Postgres) {
            // Every table as of one moment: feedback recorded while the export runs never
            // arrives without its interaction, and the counts match the rows.
            RAGSCOPE_TRY(copied, m_source->transaction([&]() -> Status {
                RAGSCOPE_TRY(isolated,
                    m_source->exec(
                        QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")));
                return copyAll(*source, &summary);
            }));
        } else {
            RAGSCOPE_TRY(copied, copyAll(*source, &summary));
        }
        source.reset(); // a SQLite source is detached before the file is finished
        RAGSCOPE_TRY(metadata, writeInfo(*target, summary));
        return summary;
    }

private:
    Status copyAll(TableSource& source, SnapshotSummary* summary)
    {
        const SqlDialect d(m_source->dialect());
        RAGSCOPE_TRY(reviewColumns, source.columnsOf(QStringLiteral("ragscope_reviews")));
        const bool withKinds = std::any_of(reviewColumns.cbegin(), reviewColumns.cend(),
            [](const SourceColumn& c) { return c.name == QLatin1String("kind"); });
        QList<CopyTable> tables
            = monitoringTables(d, m_window, m_source->hasReviews(), withKinds, source.schema());
        // The team's labels, wording and queues, where the source has them and this role reads them.
        if (m_source->hasReviews()) {
            for (const CopyTable& t : reviewSetupTables(d, source.schema())) {
                RAGSCOPE_TRY(columns, source.columnsOf(t.table));
                if (!columns.isEmpty())
                    tables << t;
            }
        }
        RollupCopy rollups(source, m_db, d, m_window);
        RAGSCOPE_TRY(rollupTables, rollups.tables());
        tables += rollupTables;
        for (const CopyTable& t : std::as_const(tables)) {
            RAGSCOPE_TRY(n, source.count(t));
            m_total += n;
        }
        RAGSCOPE_TRY(begun, execOn(m_db, "BEGIN"));
        for (const CopyTable& t : std::as_const(tables)) {
            if (!report())
                return cancelled();
            const PerformanceMonitor perf(QStringLiteral("copy %1").arg(t.table));
            SqliteInserter inserter(m_db);
            RAGSCOPE_TRY(prepared, inserter.prepare(t.insertSql()));
            RAGSCOPE_TRY(rows, source.copy(t, inserter, [this] { return afterRow(); }));
            m_rows.insert(t.table, rows);
        }
        RAGSCOPE_TRY(committed, execOn(m_db, "COMMIT"));
        RAGSCOPE_TRY(withRollups, rollups.finish());
        summary->interactions = m_rows.value(QStringLiteral("chat_interactions"));
        summary->feedbacks = m_rows.value(QStringLiteral("chat_feedbacks"));
        summary->reviews = m_rows.value(QStringLiteral("ragscope_reviews"));
        for (const CopyTable& t : std::as_const(rollupTables))
            summary->rollupRows += m_rows.value(t.table);
        summary->rollups = withRollups;
        return report() ? Status(Done {}) : Status(cancelled());
    }

    Status afterRow()
    {
        ++m_done;
        if (m_done % RowsPerCommit == 0) {
            RAGSCOPE_TRY(committed, execOn(m_db, "COMMIT"));
            RAGSCOPE_TRY(begun, execOn(m_db, "BEGIN"));
        }
        if (m_done % RowsPerProgress == 0 && !report())
            return cancelled();
        return Done {};
    }

    static Error cancelled()
    {
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::SnapshotExporter", "export cancelled"));
    }
    bool report() { return !m_progress || m_progress({ m_done, std::max(m_total, m_done) }); }

    // A snapshot of a snapshot keeps the original source, so its reviews can still go back.
    Status writeInfo(const Store& target, const SnapshotSummary& summary)
    {
        SnapshotInfo info;
        RAGSCOPE_TRY(sourceInfo, SnapshotInfo::read(*m_source));
        if (sourceInfo) {
            info.source = sourceInfo->source;
        } else {
            RAGSCOPE_TRY(identity, SourceIdentity::of(*m_source));
            info.source = identity;
        }
        info.window = m_window;
        info.rows = m_rows;
        info.exportedAt = QDateTime::currentDateTimeUtc();
        info.ragscopeVersion = QCoreApplication::applicationVersion();
        info.schemaVersion = target.schemaVersion();
        info.rollups = summary.rollups;
        info.rollupsCoverRows = summary.rollups;
        return info.write(target);
    }

    StorePtr m_source;
    std::optional<Filter> m_window;
    std::function<bool(const ExportProgress&)> m_progress;
    sqlite3* m_db = nullptr;
    qint64 m_total = 0;
    qint64 m_done = 0;
    QMap<QString, qint64> m_rows;
};

} // namespace

Status SnapshotExporter::checkTarget(const StoreLocation& source, const QString& sqlitePath)
{
    // Writing the snapshot over its own source (or one of its journals) would replace the store
    // with a window of it: refused however the path is spelled.
    if (source.dialect == Dialect::Sqlite) {
        if (OutputTarget::sameFile(source.sqlitePath, sqlitePath))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::SnapshotExporter",
                    "%1 is the store being exported; write the snapshot to another file")
                    .arg(sqlitePath));
        for (const char* suffix : { "-journal", "-wal", "-shm" }) {
            if (OutputTarget::sameFile(source.sqlitePath + QLatin1String(suffix), sqlitePath))
                return makeError(ErrorKind::InvalidInput,
                    QCoreApplication::translate("RagScope::SnapshotExporter",
                        "%1 is a journal of the store being exported; write the snapshot to another file")
                        .arg(sqlitePath));
        }
    }
    RAGSCOPE_TRY(writable, OutputTarget::check(sqlitePath));
    return OutputTarget::checkReplaceable(sqlitePath);
}

Result<SnapshotSummary> SnapshotExporter::exportTo(const StorePtr& source, const QString& sqlitePath,
    const std::optional<Filter>& window, const std::function<bool(const ExportProgress&)>& progress)
{
    PerformanceMonitor perf(QStringLiteral("export snapshot"));
    RAGSCOPE_TRY(writable, checkTarget(source->location(), sqlitePath));
    SnapshotSummary summary;
    const Status built = SqliteFileBuilder::build(
        sqlitePath,
        [&](const StorePtr& target) -> Status {
            RAGSCOPE_TRY(copied, Fill(source, window, progress).run(target));
            summary = copied;
            return Done {};
        },
        [&](const StorePtr& target) -> Status {
            if (!summary.rollups || !window)
                return Done {};
            // on the indexes: the rebuild reads rows by time and probes their feedback
            const PerformanceMonitor perf(QStringLiteral("complete the rollups"));
            return target->transaction([&] { return RollupCompletion(*target, *window).run(); });
        });
    if (!built.ok())
        return built.error();
    return summary;
}

} // namespace RagScope
