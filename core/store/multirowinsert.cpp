#include "multirowinsert.h"

namespace RagScope {

MultiRowInsert::MultiRowInsert(const Store& store, QString head, QString tuple, int rowsPerStatement)
    : m_store(store)
    , m_head(std::move(head))
    , m_tuple(std::move(tuple))
    , m_rowsPerStatement(rowsPerStatement)
{ }

Status MultiRowInsert::add(const QVariantList& values)
{
    m_values += values;
    if (++m_rows == m_rowsPerStatement)
        return finish();
    return Done {};
}

Status MultiRowInsert::finish()
{
    if (m_rows == 0)
        return Done {};
    QStringList tuples;
    tuples.reserve(m_rows);
    for (int i = 0; i < m_rows; ++i)
        tuples << m_tuple;
    auto q = m_store.exec(m_head + tuples.join(QStringLiteral(", ")), m_values);
    m_rows = 0;
    m_values.clear();
    return q.ok() ? Status(Done {}) : Status(q.error());
}

} // namespace RagScope
