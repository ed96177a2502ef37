#pragma once

#include "store/store.h"
#include "tablesource.h"

namespace RagScope {

/// Reads a PostgreSQL store with `COPY (SELECT …) TO STDOUT` on the store's own connection of
/// this thread. COPY takes no bound parameters, so the values of a CopyTable's WHERE are bound
/// into session settings (`set_config`) and read back with `current_setting()`.
class PgTableSource : public TableSource
{
public:
    explicit PgTableSource(StorePtr store)
        : m_store(std::move(store))
    { }

    Result<qint64> count(const CopyTable& table) override;
    Result<qint64> copy(
        const CopyTable& table, SqliteInserter& into, const std::function<Status()>& afterRow) override;
    Result<QList<SourceColumn>> columnsOf(const QString& table) override;
    QString schema() const override { return {}; }

private:
    Result<QString> withSessionParams(const CopyTable& table);

    StorePtr m_store;
};

} // namespace RagScope
