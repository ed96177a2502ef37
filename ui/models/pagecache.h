#pragma once

#include <QHash>
#include <QList>

#include <optional>
#include <utility>

namespace RagScope {

/// The pages of a paged table that stay in memory: at most limit() rows, the least recently
/// used pages dropped first. (QCache moves every page it is asked about to the front, so
/// searching it for one row would reorder what gets dropped; this one does not.)
template <typename Row> class PageCache
{
public:
    explicit PageCache(int limit)
        : m_limit(limit)
    { }

    int limit() const { return m_limit; }
    /// Drops least recently used pages until at most `rows` rows are held.
    void setLimit(int rows)
    {
        m_limit = rows;
        trim(0);
    }
    /// Rows held now.
    int rows() const { return m_rows; }
    bool contains(int page) const { return m_pages.contains(page); }

    /// The rows of `page` (null if not held), which now counts as the most recently used.
    const QList<Row>* use(int page) const
    {
        const auto it = m_pages.constFind(page);
        if (it == m_pages.cend())
            return nullptr;
        if (m_order.constLast() != page) {
            m_order.removeOne(page);
            m_order.append(page);
        }
        return &it.value();
    }

    /// Holds `rows` as `page`, the most recently used; drops the least recently used other
    /// pages beyond the limit.
    void insert(int page, QList<Row> rows)
    {
        remove(page);
        trim(int(rows.size()));
        m_rows += int(rows.size());
        m_pages.insert(page, std::move(rows));
        m_order.append(page);
    }

    /// (page, offset) of the first held row that satisfies `match`; the order of use stays.
    template <typename Match> std::optional<std::pair<int, int>> find(Match match) const
    {
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            for (int offset = 0; offset < it.value().size(); ++offset) {
                if (match(it.value().at(offset)))
                    return std::pair { it.key(), offset };
            }
        }
        return std::nullopt;
    }
    /// A held row to change in place; the order of use stays.
    Row& row(int page, int offset) { return m_pages[page][offset]; }

    void clear()
    {
        m_pages.clear();
        m_order.clear();
        m_rows = 0;
    }

private:
    void remove(int page)
    {
        const auto it = m_pages.find(page);
        if (it == m_pages.end())
            return;
        m_rows -= int(it.value().size());
        m_pages.erase(it);
        m_order.removeOne(page);
    }

    // Drops least recently used pages until `incoming` more rows fit.
    void trim(int incoming)
    {
        while (!m_order.isEmpty() && m_rows + incoming > m_limit)
            remove(m_order.constFirst());
    }

    QHash<int, QList<Row>> m_pages;
    mutable QList<int> m_order; ///< held pages, least recently used first
    int m_rows = 0;
    int m_limit;
};

} // namespace RagScope
