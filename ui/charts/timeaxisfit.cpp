#include "timeaxisfit.h"

#include "chartstyle.h"
#include "i18n/localetime.h"

#include <QDateTimeAxis>
#include <QTimeZone>

#include <algorithm>

namespace RagScope::TimeAxisFit {

namespace {
constexpr qreal HourMs = 3'600'000.0;
constexpr qreal DayMs = 24 * HourMs;
} // namespace

qreal bucketStart(const QDateTime& utc, TimeBucket bucket)
{
    const QDateTime u = utc.toUTC();
    const QTime start = bucket == TimeBucket::Hour ? QTime(u.time().hour(), 0) : QTime(0, 0);
    return ChartStyle::axisPosition(QDateTime(u.date(), start, QTimeZone::utc()));
}

void apply(QDateTimeAxis* axis, qreal first, qreal last, TimeBucket bucket,
    const QPair<QDateTime, QDateTime>& window, qint64 maxTicks)
{
    const qreal unit = bucket == TimeBucket::Hour ? HourMs : DayMs;
    if (window.first.isValid())
        first = std::min(first, bucketStart(window.first, bucket));
    if (window.second.isValid())
        last = std::max(last, bucketStart(window.second.addMSecs(-1), bucket));
    // Ticks on whole buckets: the span is padded to a whole number of tick steps.
    qint64 span = qRound64((last - first) / unit);
    if (span == 0) {
        first -= unit;
        span = 2;
    }
    const qint64 step = span <= maxTicks ? 1 : (span + maxTicks - 1) / maxTicks;
    const qint64 ticks = (span + step - 1) / step;
    axis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(first)),
        QDateTime::fromMSecsSinceEpoch(qint64(first + qreal(ticks * step) * unit)));
    axis->setTickCount(int(ticks) + 1);
    if (bucket == TimeBucket::Hour)
        axis->setFormat(QStringLiteral("MMM d HH:mm"));
    else if (ticks * step > 300)
        axis->setFormat(LocaleTime::dateFormat());
    else
        axis->setFormat(QStringLiteral("MMM d"));
}

} // namespace RagScope::TimeAxisFit
