#include "queueprogress.h"

#include "queueitems.h"
#include "queueverdicts.h"

#include <QMap>
#include <QTimeZone>

#include <algorithm>

namespace RagScope::QueueProgressReport {

namespace {

std::optional<double> median(QList<int> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? double(values[mid]) : (values[mid - 1] + values[mid]) / 2.0;
}

} // namespace

Result<QueueProgress> compute(StorePtr store, const SavedQueue& queue, const QDateTime& now)
{
    RAGSCOPE_TRY(items, QueueItems(store, queue, now).all());
    RAGSCOPE_TRY(verdicts, QueueVerdicts::read(*store, queue.id));
    const QDate day = now.toUTC().date();
    const QDateTime today(day, QTime(0, 0), QTimeZone::utc());
    const QDateTime week(day.addDays(1 - day.dayOfWeek()), QTime(0, 0), QTimeZone::utc());

    QueueProgress progress;
    progress.total = items.size();
    QMap<QString, ReviewerProgress> reviewers;
    QMap<QString, QList<int>> seconds;
    for (const QUuid& id : std::as_const(items)) {
        const auto found = verdicts.constFind(id);
        if (found == verdicts.cend())
            continue;
        const ItemVerdicts& item = *found;
        if (!item.byReviewer.isEmpty() || item.adjudication)
            ++progress.started;
        if (item.adjudication || item.byReviewer.size() >= queue.reviewsPerItem)
            ++progress.complete;
        for (const QueueVerdict& v : item.byReviewer) {
            ReviewerProgress& r = reviewers[v.review.reviewer];
            r.reviewer = v.review.reviewer;
            ++r.reviewed;
            if (v.review.createdAt >= today)
                ++r.today;
            if (v.review.createdAt >= week)
                ++r.thisWeek;
            if (v.secondsSpent)
                seconds[v.review.reviewer] << *v.secondsSpent;
        }
    }
    for (ReviewerProgress& r : reviewers) {
        r.medianSeconds = median(seconds.value(r.reviewer));
        progress.reviewers << r;
    }
    return progress;
}

} // namespace RagScope::QueueProgressReport
