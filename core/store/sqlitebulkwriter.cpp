#include "sqlitebulkwriter.h"

#include <QSqlError>

namespace RagScope {

SqliteBulkWriter::SqliteBulkWriter(StorePtr store, int rowsPerCommit)
    : m_store(std::move(store))
    , m_rowsPerCommit(rowsPerCommit)
{ }

SqliteBulkWriter::~SqliteBulkWriter()
{
    m_statements.clear(); // finalized before the transaction ends
    if (m_inTransaction)
        m_store->exec(QStringLiteral("ROLLBACK"));
}

Result<QSqlQuery*> SqliteBulkWriter::prepared(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return &it.value();
    RAGSCOPE_TRY(db, m_store->connection());
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return m_store->classify(query.lastError(), QStringLiteral("query failed"));
    return &m_statements.insert(sql, query).value();
}

Status SqliteBulkWriter::insert(const QString& sql, const QVariantList& values)
{
    if (!m_inTransaction) {
        RAGSCOPE_TRY(begun, m_store->exec(QStringLiteral("BEGIN")));
        m_inTransaction = true;
    }
    RAGSCOPE_TRY(query, prepared(sql));
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values[i]);
    if (!query->exec())
        return m_store->classify(query->lastError(), QStringLiteral("query failed"));
    if (++m_pending >= m_rowsPerCommit)
        return commit();
    return Done {};
}

Status SqliteBulkWriter::commit()
{
    if (!m_inTransaction)
        return Done {};
    for (QSqlQuery& query : m_statements)
        query.finish(); // no statement may hold the transaction open
    RAGSCOPE_TRY(committed, m_store->exec(QStringLiteral("COMMIT")));
    m_inTransaction = false;
    m_pending = 0;
    return Done {};
}

} // namespace RagScope
