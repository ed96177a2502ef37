#include "quarteruserrows.h"

#include "rolluprebuild.h"
#include "rollupsql.h"

namespace RagScope {

using namespace RollupSql;

Status QuarterUserRows::sumDays(const QString& from, const QString& to) const
{
    const SqlDialect d(m_store.dialect());
    RAGSCOPE_TRY(ins,
        m_store.exec(
            sumUserRows(d, Grain::DayUser, info(Grain::DayUser).table, info(Grain::QuarterUser).table, true),
            { from, to }));
    return Done {};
}

Status QuarterUserRows::complete(const QString& dayCutoff, const QDateTime& now, bool backfill) const
{
    if (backfill) {
        // The days rolled up before migration 0011: rebuilt once, their quarters with them.
        const SqlDialect d(m_store.dialect());
        RAGSCOPE_TRY(first,
            m_store.exec(QStringLiteral("SELECT MIN(%1) FROM %2")
                             .arg(d.timeText(QStringLiteral("bucket")), info(Grain::DayUser).table)));
        if (first.next() && !first.value(0).isNull()) {
            QStringList days;
            const QDateTime end = SqlDialect::parseTime(dayCutoff);
            for (QDateTime t = SqlDialect::parseTime(first.value(0).toString()); t < end; t = t.addDays(1))
                days << SqlDialect::isoTime(t);
            Fingerprints none;
            qint64 latencyRows = 0;
            RebuildProgress silent;
            RAGSCOPE_TRY(rebuilt,
                RollupRebuild(m_store, Grain::DayUser, RunJoin::Adjacent)
                    .interactions(days, &none, &latencyRows, &silent));
        }
    }
    return RollupRebuild(m_store, Grain::QuarterUser, RunJoin::Adjacent)
        .horizon(SqlDialect::parseTime(dayCutoff), now);
}

QList<QuarterUserRows::Piece> QuarterUserRows::cover(const RollupEdge& edge, const QDateTime& horizon)
{
    const Filter& w = edge.window;
    if (!horizon.isValid() || w.to > horizon)
        return { { edge, false } };
    const auto part = [&w](const QDateTime& from, const QDateTime& to, bool subtract) {
        return RollupEdge { Filter { from, to, w.user, w.model }, subtract };
    };
    QList<Piece> pieces;
    for (QDateTime q = floorTo(w.from, Seconds); q < w.to; q = q.addSecs(Seconds)) {
        const QDateTime end = q.addSecs(Seconds);
        const QDateTime from = std::max(q, w.from), to = std::min(end, w.to);
        if (from.secsTo(to) * 2 <= Seconds || end > horizon) {
            pieces << Piece { part(from, to, edge.subtract), false };
            continue;
        }
        pieces << Piece { part(q, end, edge.subtract), true };
        if (q < from)
            pieces << Piece { part(q, from, !edge.subtract), false };
        if (to < end)
            pieces << Piece { part(to, end, !edge.subtract), false };
    }
    return pieces;
}

} // namespace RagScope
