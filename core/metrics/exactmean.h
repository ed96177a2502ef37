#pragma once

#include "store/sqldialect.h"

#include <QSqlQuery>
#include <QStringList>

#include <array>
#include <optional>

namespace RagScope::ExactMean {

// Means of DOUBLE PRECISION columns that are the same double on PostgreSQL and on SQLite.
// A floating-point SUM depends on the order rows are added in, which differs between the two
// engines (and between PostgreSQL's parallel workers), so AVG() could differ in the 13th digit.
// Instead SQL splits each value into integer parts, x = p0 + p1·2^-26 + p2·2^-52 + p3·2^-78
// (p0 the integer part, each further part the next 26 bits of the fraction), sums every part as
// an integer, exact in any order, and the mean is that exact sum ÷ count, rounded once to the
// nearest double. Exact for 2^-26 ≤ |x| < 2^63 and 0; a smaller value loses the bits below
// 2^-78, in both dialects alike.
// It costs PostgreSQL about 0.5 µs per value, so it serves the means the contract promises as one
// double (the window's avg_latency_ms and avg_confidence); means only ever shown rounded stay AVG().

constexpr int Parts = 4;

/// The integer parts p0…p3 of `x` (NULL when x is NULL), one SQL expression each.
QStringList parts(const SqlDialect& d, const QString& x);
/// Sums of p0…p3 and COUNT(x) per group (two-level aggregation), named <name>0…<name>4 …
QString partialAggregates(const SqlDialect& d, const QString& x, const QString& name);
/// … and their totals over the groups (table alias `alias`): the columns meanAt() reads.
QString totalsOfPartials(const QString& alias, const QString& name);
/// The mean from the Parts + 1 columns at `first` (sums of p0…p3, count); none for no values.
std::optional<double> meanAt(const QSqlQuery& query, int first);
/// (sums[0] + sums[1]·2^-26 + sums[2]·2^-52 + sums[3]·2^-78) ÷ count, rounded once to the
/// nearest double (ties to even); count > 0.
double fromSums(const std::array<qint64, Parts>& sums, qint64 count);

} // namespace RagScope::ExactMean
