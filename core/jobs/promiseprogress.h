#pragma once

#include <QPromise>
#include <QString>

#include <algorithm>
#include <limits>

namespace RagScope {

/// Reports `done` of `total` rows on a job's promise (its QFutureWatcher drives a progress bar).
/// QFuture's progress is an int: counts beyond 2^31 (not a real case) saturate.
template <typename T>
void reportRows(QPromise<T>& promise, qint64 done, qint64 total, const QString& text = {})
{
    const auto progressInt
        = [](qint64 value) { return int(std::clamp<qint64>(value, 0, std::numeric_limits<int>::max())); };
    if (promise.future().progressMaximum() != progressInt(total))
        promise.setProgressRange(0, progressInt(total));
    if (text.isEmpty())
        promise.setProgressValue(progressInt(done));
    else
        promise.setProgressValueAndText(progressInt(done), text);
}

} // namespace RagScope
