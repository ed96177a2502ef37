#pragma once

#include "base/result.h"
#include "rollupplan.h"
#include "store/store.h"

#include <QList>

namespace RagScope {

/// ragscope_rollup_quarter_user (migration 0011): per six UTC hours from midnight and user, what a
/// closed day's day × user rows are summed from. The top-users table reads a window's partial
/// first day from them (cover()), so at most three hours of it are read raw, each raw row with a
/// probe of its feedback, instead of up to twelve.
class QuarterUserRows
{
public:
    static constexpr qint64 Seconds = 6 * 3600;

    explicit QuarterUserRows(const Store& store)
        : m_store(store)
    { }

    /// Whether the store keeps them (migration 0011).
    bool kept() const { return m_store.schemaVersion() >= 11; }
    /// The day × user rows of the days [from, to) (bucket texts), summed from their quarters.
    Status sumDays(const QString& from, const QString& to) const;
    /// After a refresh's rebuilds, which wrote the quarters of every day they rebuilt: with
    /// `backfill` (days rolled up before migration 0011) the quarters of all closed days, from the
    /// base tables; then the 'quarter_user' horizon at the open day `dayCutoff`.
    Status complete(const QString& dayCutoff, const QDateTime& now, bool backfill) const;

    /// A part of a raw edge: the quarter rows of `window` (one whole quarter), or raw rows.
    struct Piece
    {
        RollupEdge edge;
        bool quarterRows = false;
    };
    /// `edge` in pieces, with quarters complete up to `horizon` (invalid: none): each quarter it
    /// covers whole from quarter rows; one it holds more than half of as the quarter's rows less the
    /// raw rows outside the edge; the rest raw. So at most half a quarter is read raw at each end.
    static QList<Piece> cover(const RollupEdge& edge, const QDateTime& horizon);

private:
    const Store& m_store;
};

} // namespace RagScope
