#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace RagScope {

/// Rows of COPY's text format, parsed and unescaped, back to back in one buffer.
class CopyBatch
{
public:
    struct Field
    {
        std::uint32_t offset = 0; ///< into the batch's text
        std::uint32_t length = 0;
        bool null = false;
    };

    /// Parses one line of COPY's text format (fields split by tabs, \N is NULL, backslash
    /// escapes the rest) and appends its fields.
    void addLine(const char* line, int length);
    void clear();

    std::size_t rows() const { return m_rowStarts.size(); }
    std::size_t bytes() const { return m_text.size(); }
    /// The fields of row `r`: [first, last) of fields().
    std::pair<std::size_t, std::size_t> rowFields(std::size_t r) const;
    const Field& field(std::size_t f) const { return m_fields[f]; }
    std::string_view text(const Field& f) const { return { m_text.data() + f.offset, f.length }; }

private:
    std::vector<char> m_text;
    std::vector<Field> m_fields;
    std::vector<std::uint32_t> m_rowStarts;
};

/// Hands batches from a reading thread to the thread that writes them, at most `capacity`
/// full batches in between, so memory stays flat whatever the number of rows. Batches go back
/// to the reader empty and keep their buffers.
class CopyBatchQueue
{
public:
    explicit CopyBatchQueue(std::size_t capacity)
        : m_capacity(capacity)
    { }

    /// Reader: an empty batch to fill (new or recycled); nullopt once the writer has stopped.
    std::optional<CopyBatch> emptyBatch();
    /// Reader: hands over a full batch, waiting while `capacity` are queued; false once stopped.
    bool push(CopyBatch batch);
    /// Reader: no more batches.
    void close();

    /// Writer: the next full batch, waiting for it; nullopt at the end.
    std::optional<CopyBatch> pop();
    /// Writer: a handled batch goes back for reuse.
    void recycle(CopyBatch batch);
    /// Writer: wants no more rows; a waiting reader returns at once.
    void stop();

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<CopyBatch> m_full;
    std::vector<CopyBatch> m_empty;
    bool m_closed = false;
    bool m_stopped = false;
};

} // namespace RagScope
