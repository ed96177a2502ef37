#pragma once

#include "money/money.h"
#include "storelocation.h"

#include <QDateTime>
#include <QString>
#include <QUuid>
#include <QVariant>

namespace RagScope {

/// The SQL fragments and bound-value forms that differ between PostgreSQL and SQLite.
/// Fragments name columns only; every value still goes through a bound parameter.
///
/// SQLite stores time as UTC text `YYYY-MM-DDTHH:MM:SS.ffffffZ` (sorts like time) and money as
/// an integer count of 1e-8 USD in `cost_usd_e8`; PostgreSQL uses timestamptz and NUMERIC(14,8).
class SqlDialect
{
public:
    explicit SqlDialect(Dialect dialect)
        : m_dialect(dialect)
    { }
    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }

    /// Placeholder for a bound timestamp (use with bindTime()).
    QString timeParam() const;
    /// Placeholder for a bound amount of money (use with bindMoney()).
    QString moneyParam() const;
    /// Placeholder for a bound UUID (use with bindUuid()).
    QString uuidParam() const;
    /// The cost column of chat_interactions, qualified with `alias`.
    QString costColumn(const QString& alias) const;
    /// SUM of the cost column as an exact value (read it back with moneyValue()).
    QString costSum(const QString& alias) const;
    /// A timestamp column as UTC ISO text with microseconds (exact; usable as a keyset cursor).
    QString timeText(const QString& column) const;
    /// The UTC calendar day of a timestamp column, as 'YYYY-MM-DD'.
    QString dayOf(const QString& column) const;
    /// The UTC hour of a timestamp column, as 'YYYY-MM-DDTHH:00:00Z'.
    QString hourOf(const QString& column) const;
    /// The UTC day of a timestamp column as a grouping key: on PostgreSQL a timestamp (far
    /// cheaper to group and sort than text), on SQLite the day text. dayKeyText() formats it.
    QString dayKey(const QString& column) const;
    /// A dayKey() value as 'YYYY-MM-DD'.
    QString dayKeyText(const QString& key) const;
    /// " COLLATE \"C\"" on PostgreSQL: byte-wise text order, as SQLite's BINARY already is.
    QString byteOrder() const;
    /// `column` as a GROUP BY key that no index is read for its order: on SQLite `+column`. For a
    /// short time range grouped by user, SQLite otherwise skip-scans the (user_id, created_at)
    /// index, a seek per user (~100 ms for an edge of a 1M-row snapshot with 2,000 users), to
    /// have the groups in order, instead of reading the range from the created_at index.
    QString unorderedKey(const QString& column) const;
    /// Confidence bucket 0…9 of a score column (NULL stays NULL).
    QString confidenceBucket(const QString& column) const;

    QVariant bindTime(const QDateTime& time) const;
    /// A timestamp text as produced by timeText() (cursor round-trip, no precision lost).
    QVariant bindTimeText(const QString& isoText) const { return isoText; }
    QVariant bindMoney(Money amount) const;
    QVariant bindUuid(const QUuid& id) const;

    Money moneyValue(const QVariant& value) const;

    /// UTC ISO text with microseconds for a QDateTime (milliseconds precision, padded).
    static QString isoTime(const QDateTime& time);
    /// Parses timeText() output back into a QDateTime (UTC, millisecond precision).
    static QDateTime parseTime(const QString& isoText);

private:
    Dialect m_dialect;
};

} // namespace RagScope
