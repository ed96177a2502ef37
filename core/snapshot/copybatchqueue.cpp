#include "copybatchqueue.h"

#include <cstring>

namespace RagScope {

namespace {

char unescaped(char c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    default:
        return c; // "\\" and any other escaped character stand for themselves
    }
}

} // namespace

// A tab inside a value is always written escaped ("\t"), so the raw tabs split the fields.
void CopyBatch::addLine(const char* line, int length)
{
    if (length > 0 && line[length - 1] == '\n')
        --length;
    m_rowStarts.push_back(std::uint32_t(m_fields.size()));
    const char* at = line;
    const char* const end = line + length;
    for (;;) {
        const auto* tab = static_cast<const char*>(std::memchr(at, '\t', size_t(end - at)));
        const char* fieldEnd = tab ? tab : end;
        Field f;
        f.offset = std::uint32_t(m_text.size());
        if (fieldEnd - at == 2 && at[0] == '\\' && at[1] == 'N') {
            f.null = true;
        } else {
            for (const char* run = at; run < fieldEnd;) {
                const auto* slash = static_cast<const char*>(std::memchr(run, '\\', size_t(fieldEnd - run)));
                if (!slash) {
                    m_text.insert(m_text.end(), run, fieldEnd);
                    break;
                }
                m_text.insert(m_text.end(), run, slash);
                if (slash + 1 == fieldEnd) { // a lone backslash at the end stands for itself
                    m_text.push_back('\\');
                    break;
                }
                m_text.push_back(unescaped(slash[1]));
                run = slash + 2;
            }
            f.length = std::uint32_t(m_text.size() - f.offset);
        }
        m_fields.push_back(f);
        if (!tab)
            return;
        at = tab + 1;
    }
}

void CopyBatch::clear()
{
    m_text.clear();
    m_fields.clear();
    m_rowStarts.clear();
}

std::pair<std::size_t, std::size_t> CopyBatch::rowFields(std::size_t r) const
{
    return { m_rowStarts[r], r + 1 < m_rowStarts.size() ? m_rowStarts[r + 1] : m_fields.size() };
}

std::optional<CopyBatch> CopyBatchQueue::emptyBatch()
{
    const std::lock_guard lock(m_mutex);
    if (m_stopped)
        return std::nullopt;
    if (m_empty.empty())
        return CopyBatch();
    CopyBatch batch = std::move(m_empty.back());
    m_empty.pop_back();
    return batch;
}

bool CopyBatchQueue::push(CopyBatch batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopped || m_full.size() < m_capacity; });
    if (m_stopped)
        return false;
    m_full.push_back(std::move(batch));
    m_changed.notify_all();
    return true;
}

void CopyBatchQueue::close()
{
    const std::lock_guard lock(m_mutex);
    m_closed = true;
    m_changed.notify_all();
}

std::optional<CopyBatch> CopyBatchQueue::pop()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_full.empty() || m_closed; });
    if (m_full.empty())
        return std::nullopt;
    CopyBatch batch = std::move(m_full.front());
    m_full.pop_front();
    m_changed.notify_all();
    return batch;
}

void CopyBatchQueue::recycle(CopyBatch batch)
{
    batch.clear();
    const std::lock_guard lock(m_mutex);
    m_empty.push_back(std::move(batch));
}

void CopyBatchQueue::stop()
{
    const std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_full.clear();
    m_changed.notify_all();
}

} // namespace RagScope
