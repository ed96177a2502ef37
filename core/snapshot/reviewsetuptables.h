#pragma once

#include "copytable.h"

namespace RagScope {

/// The team-review setup a snapshot carries: the shared labels, the rating scale's wording and
/// the saved queues, so an offline reviewer sees the same labels and works the same queues
/// (whose reviews then push back with their queue). Whole tables: they are small and belong to
/// no window. Leases stay behind: they reserve items for the store's reviewers, not the copy's.
/// `schema` prefixes the source's table names as in monitoringTables().
QList<CopyTable> reviewSetupTables(const SqlDialect& source, const QString& schema);

} // namespace RagScope
