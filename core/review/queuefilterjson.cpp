#include "queuefilterjson.h"

#include "base/isotime.h"

#include <QJsonValue>

namespace RagScope::QueueFilterJson {

namespace {

const char* const KindNames[] = { "low_rated", "low_confidence", "either", "all" };
const char* const WindowNames[] = { "interaction", "feedback" };
const char* const SortNames[] = { "created_at", "confidence", "user_rating", "latency", "cost" };

template <size_t N> int indexOf(const char* const (&names)[N], const QString& name)
{
    for (size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return int(i);
    }
    return -1;
}

Error bad(const QString& key, const QString& why)
{
    return makeError(ErrorKind::InvalidInput, QStringLiteral("queue filter: %1 %2").arg(key, why));
}

} // namespace

QJsonObject toJson(const ReviewQueueQuery& query)
{
    QJsonObject json;
    json[QLatin1String("kind")] = QLatin1String(KindNames[int(query.kind)]);
    if (query.filter.from.isValid())
        json[QLatin1String("from")] = query.filter.from.toUTC().toString(Qt::ISODateWithMs);
    if (query.filter.to.isValid())
        json[QLatin1String("to")] = query.filter.to.toUTC().toString(Qt::ISODateWithMs);
    if (query.filter.user)
        json[QLatin1String("user")] = *query.filter.user;
    if (query.filter.model)
        json[QLatin1String("model")] = *query.filter.model;
    json[QLatin1String("window_on")] = QLatin1String(WindowNames[int(query.windowOn)]);
    if (!query.search.isEmpty())
        json[QLatin1String("text")] = query.search;
    if (query.userRating)
        json[QLatin1String("user_rating")] = *query.userRating;
    if (query.confidenceBucket)
        json[QLatin1String("confidence_bucket")] = *query.confidenceBucket;
    if (query.reviewLabel)
        json[QLatin1String("review_label")] = *query.reviewLabel;
    json[QLatin1String("sort")] = QLatin1String(SortNames[int(query.sort)]);
    json[QLatin1String("descending")] = query.descending;
    return json;
}

Result<ReviewQueueQuery> fromJson(const QJsonObject& json)
{
    ReviewQueueQuery query;
    const auto name = [&](const char* key, auto& names, int fallback) -> Result<int> {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        const int i = indexOf(names, v.toString());
        if (i < 0)
            return bad(QLatin1String(key), QStringLiteral("is not one of the known values"));
        return i;
    };
    RAGSCOPE_TRY(kind, name("kind", KindNames, int(query.kind)));
    query.kind = ReviewQueueQuery::Kind(kind);
    RAGSCOPE_TRY(windowOn, name("window_on", WindowNames, int(query.windowOn)));
    query.windowOn = ReviewQueueQuery::WindowOn(windowOn);
    RAGSCOPE_TRY(sort, name("sort", SortNames, int(query.sort)));
    query.sort = ReviewQueueQuery::SortKey(sort);
    query.descending = json.value(QLatin1String("descending")).toBool(true);
    for (auto [key, target] :
        { std::pair { "from", &query.filter.from }, std::pair { "to", &query.filter.to } }) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        const auto time = parseIsoTime(v.toString(), QStringLiteral("queue filter: ") + QLatin1String(key));
        if (!time.ok())
            return time.error();
        *target = time.value();
    }
    if (json.contains(QLatin1String("user")))
        query.filter.user = json.value(QLatin1String("user")).toString();
    if (json.contains(QLatin1String("model")))
        query.filter.model = json.value(QLatin1String("model")).toString();
    query.search = json.value(QLatin1String("text")).toString();
    if (json.contains(QLatin1String("review_label")))
        query.reviewLabel = json.value(QLatin1String("review_label")).toString();
    for (auto [key, target, low, high] : { std::tuple { "user_rating", &query.userRating, 1, 5 },
             std::tuple {
                 "confidence_bucket", &query.confidenceBucket, 0, ReviewQueueQuery::NoScoreBucket } }) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        const int n = v.toInt(-1);
        if (!v.isDouble() || n < low || n > high || double(n) != v.toDouble())
            return bad(QLatin1String(key),
                QStringLiteral("must be a whole number from %1 to %2").arg(low).arg(high));
        *target = n;
    }
    return query;
}

} // namespace RagScope::QueueFilterJson
