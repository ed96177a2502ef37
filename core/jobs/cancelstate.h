#pragma once

#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>

namespace RagScope {

/// What a CancelToken shares between threads (private to core/jobs).
struct CancelState
{
    std::atomic<bool> canceled { false };
    QMutex mutex; ///< guards `interrupt`: the connection it names stays open while it is set
    std::function<void()> interrupt; ///< stops the statement running now; set by QueryCanceller
};

/// The state of the job running on this thread (null outside jobs).
std::shared_ptr<CancelState> currentCancelState();

} // namespace RagScope
