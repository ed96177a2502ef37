#pragma once

#include "base/result.h"
#include "store.h"

#include <QStringList>
#include <QVariantList>

namespace RagScope {

/// Appends rows with multi-row INSERTs of up to `rowsPerStatement` tuples, every value bound:
/// thousands of small rows cost a few round trips instead of one each. Call finish() for the rest.
class MultiRowInsert
{
public:
    /// `head` is "INSERT INTO t (a, b) VALUES "; `tuple` is one row's placeholders, e.g. "(?, ?)".
    MultiRowInsert(const Store& store, QString head, QString tuple, int rowsPerStatement);

    Status add(const QVariantList& values);
    Status finish();

private:
    const Store& m_store;
    QString m_head;
    QString m_tuple;
    int m_rowsPerStatement;
    int m_rows = 0;
    QVariantList m_values;
};

} // namespace RagScope
