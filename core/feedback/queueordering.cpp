#include "queueordering.h"

#include <QCoreApplication>

namespace RagScope::QueueOrdering {

namespace {

constexpr qint64 MoneySentinelUnits = 100'000'000'000'000'000LL; // 1e9 USD, beyond NUMERIC(14,8)

} // namespace

SortSpec sortSpec(const SqlDialect& d, ReviewQueueQuery::SortKey key, bool descending)
{
    const QString realNull = descending ? QStringLiteral("-1e300") : QStringLiteral("1e300");
    switch (key) {
    case ReviewQueueQuery::SortKey::CreatedAt:
        break;
    case ReviewQueueQuery::SortKey::Confidence:
        return { QStringLiteral("COALESCE(i.confidence_score, %1)").arg(realNull), {}, SortType::Real };
    case ReviewQueueQuery::SortKey::Latency:
        return { QStringLiteral("COALESCE(i.total_latency_ms, %1)").arg(realNull), {}, SortType::Real };
    case ReviewQueueQuery::SortKey::UserRating:
        return { QStringLiteral("COALESCE(f.rating, %1)").arg(descending ? 0 : 6), {}, SortType::Integer };
    case ReviewQueueQuery::SortKey::Cost:
        return { QStringLiteral("COALESCE(%1, %2)").arg(d.costColumn(QStringLiteral("i")), d.moneyParam()),
            { d.bindMoney(Money::fromUnits(descending ? -MoneySentinelUnits : MoneySentinelUnits)) },
            SortType::Amount };
    }
    return {};
}

QString orderingTag(const ReviewQueueQuery& query)
{
    return QStringLiteral("queue-%1-%2")
        .arg(int(query.sort))
        .arg(query.descending ? QLatin1Char('d') : QLatin1Char('a'));
}

Error badCursor()
{
    return makeError(ErrorKind::InvalidInput,
        QCoreApplication::translate("RagScope::ReviewQueue", "the paging cursor does not fit this list"));
}

QString keysetOperator(Side side, bool descending)
{
    switch (side) {
    case Side::After:
        return descending ? QStringLiteral("<") : QStringLiteral(">");
    case Side::From:
        return descending ? QStringLiteral("<=") : QStringLiteral(">=");
    case Side::Through:
        return descending ? QStringLiteral(">=") : QStringLiteral("<=");
    }
    return {};
}

Result<SqlWhere> keysetCondition(
    const SqlDialect& d, const SortSpec& sort, const QString& op, const KeysetCursor& cursor)
{
    SqlWhere where;
    const QString timeAndId = QStringLiteral("%1, %2").arg(d.timeParam(), d.uuidParam());
    const QVariantList timeAndIdValues { d.bindTimeText(cursor.createdAt()), d.bindUuid(cursor.id()) };
    bool ok = true;
    const QString text = cursor.sortValue();
    switch (sort.type) {
    case SortType::Time:
        where.add(QStringLiteral("(q.created_at, q.id) %1 (%2)").arg(op, timeAndId), timeAndIdValues);
        return where;
    case SortType::Real: {
        const double value = text.toDouble(&ok);
        // PostgreSQL reads the shortest exact text back; SQLite binds the double itself.
        where.add(QStringLiteral("(q.sort_value, q.created_at, q.id) %1 (CAST(? AS double precision), %2)")
                      .arg(op, timeAndId),
            QVariantList { d.isPostgres() ? QVariant(text) : QVariant(value) } + timeAndIdValues);
        break;
    }
    case SortType::Integer: {
        const int value = text.toInt(&ok);
        where.add(QStringLiteral("(q.sort_value, q.created_at, q.id) %1 (CAST(? AS integer), %2)")
                      .arg(op, timeAndId),
            QVariantList { value } + timeAndIdValues);
        break;
    }
    case SortType::Amount: {
        const auto value = Money::parse(text);
        ok = value.ok();
        if (ok)
            where.add(QStringLiteral("(q.sort_value, q.created_at, q.id) %1 (%2, %3)")
                          .arg(op, d.moneyParam(), timeAndId),
                QVariantList { d.bindMoney(value.value()) } + timeAndIdValues);
        break;
    }
    }
    if (!ok)
        return badCursor();
    return where;
}

QString sortValueText(const SqlDialect& d, SortType type, const QVariant& value)
{
    switch (type) {
    case SortType::Time:
        break;
    case SortType::Real:
        return QString::number(value.toDouble(), 'g', 17);
    case SortType::Integer:
        return QString::number(value.toLongLong());
    case SortType::Amount:
        return d.moneyValue(value).toString();
    }
    return {};
}

} // namespace RagScope::QueueOrdering
