#pragma once
// Shared by the rollup suites: a generated store (~1200 interactions over ten days, with NULLs, an
// unpriced model, a NULL model and feedback), a fixed "now", and the comparison of RollupCollector's
// answer with MetricsCollector's raw one (counts and money exactly, percentiles within 1%).
#include "metrics/filter.h"
#include "rollup/rolluprefresher.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

namespace RagScope::Test {

QDateTime at(const char* iso);
Filter window(const char* from, const char* to);

// "Now" for every refresh: the hour from 12:00 on is still open.
extern const QDateTime Now;
// The whole data range with unaligned edges and the open hour inside.
extern const Filter Unaligned;

struct Generated
{
    QList<QUuid> ids;
    QList<QDateTime> times;
};

/// ~1200 interactions from 2026-03-01 to Now (some in the open hour) with NULL latencies and
/// scores, a model without a price and a NULL model, and feedback on about a third of them.
Generated fill(const StorePtr& store);
/// RollupRefresher::refresh(at) or a fatal failure.
RollupRefresh refresh(const StorePtr& store, const QDateTime& at = Now);
/// The rollup answer of `filter` against MetricsCollector's raw one.
void compareWithRaw(const StorePtr& store, const Filter& filter, bool expectRollups);
/// MetricsCollector's answers from rollups against its exact ones: latency over time (by day and
/// by hour), top users, KPIs, confidence and ratings.
void compareDashboard(const StorePtr& store, const Filter& filter);
/// compareWithRaw() and compareDashboard(), unfiltered, per model, per user: the three ways the dashboard
/// reads.
void compareAllViews(const StorePtr& store, const Filter& w);
/// A table's rows in a stable text form, to show a re-run changes nothing.
QString dump(const Store& store, const QString& table);
/// The same store opened by a role (PostgreSQL) or on a file (SQLite) that may not write, after
/// running `extraGrant` (with %ROLE for the role's name).
StorePtr openAsReader(const TestDatabase& db, const QString& extraGrant = {});
/// The store opened as a new PostgreSQL role given `grants` (with %ROLE), migrating if allowed.
StorePtr openAsRole(const TestDatabase& db, const QString& grants);

} // namespace RagScope::Test
