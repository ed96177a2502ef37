#pragma once

#include <functional>
#include <memory>

namespace RagScope {

/// Cancellation of one background job, shared by the thread that asks (the GUI) and the pool
/// thread that runs it. cancel() flags the job and interrupts the statement its thread is
/// running at that moment (QueryCanceller registers it); Store refuses further reads of a
/// cancelled job. Copies share one state.
class CancelToken
{
public:
    CancelToken();

    /// Thread-safe and non-blocking: the database is interrupted off the calling thread.
    void cancel() const;
    bool isCanceled() const;

    /// The token of the job running on this thread (a token nobody cancels outside jobs).
    static CancelToken current();

    /// Makes `token` this thread's current token while a job's body runs.
    class Scope
    {
    public:
        explicit Scope(const CancelToken& token);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        std::shared_ptr<struct CancelState> m_previous;
    };

private:
    friend class QueryCanceller;
    explicit CancelToken(std::shared_ptr<struct CancelState> state);

    std::shared_ptr<struct CancelState> m_state;
};

} // namespace RagScope
