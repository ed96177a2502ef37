#include "canceltoken.h"
#include "cancelstate.h"

namespace RagScope {

namespace {
thread_local std::shared_ptr<CancelState> t_current;
} // namespace

std::shared_ptr<CancelState> currentCancelState()
{
    return t_current;
}

CancelToken::CancelToken()
    : m_state(std::make_shared<CancelState>())
{ }

CancelToken::CancelToken(std::shared_ptr<CancelState> state)
    : m_state(std::move(state))
{ }

void CancelToken::cancel() const
{
    QMutexLocker lock(&m_state->mutex);
    m_state->canceled = true;
    if (m_state->interrupt)
        m_state->interrupt();
}

bool CancelToken::isCanceled() const
{
    return m_state->canceled;
}

CancelToken CancelToken::current()
{
    return t_current ? CancelToken(t_current) : CancelToken();
}

CancelToken::Scope::Scope(const CancelToken& token)
    : m_previous(std::exchange(t_current, token.m_state))
{ }

CancelToken::Scope::~Scope()
{
    t_current = std::move(m_previous);
}

} // namespace RagScope
