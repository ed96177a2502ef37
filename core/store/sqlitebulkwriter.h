#pragma once

#include "store.h"

#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace RagScope {

/// Appends many rows to a SQLite store that nothing else uses yet (a file SqliteFileBuilder is
/// building), on the calling thread's connection: each INSERT is prepared once and reused,
/// and rows are committed in large transactions.
class SqliteBulkWriter
{
public:
    explicit SqliteBulkWriter(StorePtr store, int rowsPerCommit = 50'000);
    /// Rolls back the rows not committed yet.
    ~SqliteBulkWriter();
    SqliteBulkWriter(const SqliteBulkWriter&) = delete;
    SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;

    /// Inserts one row with `sql` (prepared on first use), its values bound positionally.
    Status insert(const QString& sql, const QVariantList& values);
    /// Commits the rows written since the last commit.
    Status commit();

private:
    Result<QSqlQuery*> prepared(const QString& sql);

    StorePtr m_store;
    int m_rowsPerCommit;
    int m_pending = 0;
    bool m_inTransaction = false;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace RagScope
