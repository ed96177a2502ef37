#pragma once

#include <QVariant>

#include <optional>

namespace RagScope {

// Aggregates read the same from both drivers: QPSQL gives bigint as qlonglong, float8 as double
// and our ::text casts as QString; SQLite gives integers and doubles.

/// A count or sum; NULL (an aggregate over no rows) reads as 0.
inline qint64 sqlCount(const QVariant& value)
{
    return value.isNull() ? 0 : value.toLongLong();
}

/// An average or percentile; NULL (no values) reads as empty.
inline std::optional<double> sqlOptionalDouble(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    bool ok = false;
    const double d = value.toDouble(&ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

/// sum / n, or empty when there are no values (n = 0).
inline std::optional<double> meanOf(double sum, qint64 n)
{
    return n > 0 ? std::optional<double>(sum / double(n)) : std::nullopt;
}

} // namespace RagScope
