#include "rollupchangelog.h"

#include "store/sqldialect.h"

namespace RagScope {

bool RollupChangeLog::installed() const
{
    if (m_store.dialect() != Dialect::Postgres || m_store.schemaVersion() < 5)
        return false;
    // Triggers on the two tables themselves (partitions carry clones of them).
    auto q = m_store.exec(QStringLiteral(
        "SELECT COUNT(*) FROM pg_trigger t WHERE t.tgname LIKE 'ragscope\\_c%' AND t.tgenabled <> 'D'"
        " AND t.tgrelid IN (to_regclass('chat_interactions'), to_regclass('chat_feedbacks'))"));
    return q.ok() && q.value().next() && q.value().value(0).toInt() == 6;
}

Result<RollupChanges> RollupChangeLog::read() const
{
    const SqlDialect d(m_store.dialect());
    RAGSCOPE_TRY(q,
        m_store.exec(QStringLiteral("SELECT seq, source, %1 FROM ragscope_rollup_dirty")
                         .arg(d.timeText(QStringLiteral("bucket")))));
    RollupChanges c;
    while (q.next()) {
        c.seqs << q.value(0).toLongLong();
        const QString source = q.value(1).toString();
        if (source == QLatin1String("i"))
            c.interactionHours << q.value(2).toString();
        else if (source == QLatin1String("f"))
            c.feedbackHours << q.value(2).toString();
        else
            c.verifyAll = true;
    }
    for (QStringList* hours : { &c.interactionHours, &c.feedbackHours }) {
        hours->removeDuplicates();
        hours->sort();
    }
    return c;
}

Status RollupChangeLog::remove(const RollupChanges& changes) const
{
    if (changes.seqs.isEmpty())
        return Done {};
    QStringList seqs;
    seqs.reserve(changes.seqs.size());
    for (qint64 s : changes.seqs)
        seqs << QString::number(s);
    // One bound array literal, however many rows were read.
    RAGSCOPE_TRY(del,
        m_store.exec(QStringLiteral("DELETE FROM ragscope_rollup_dirty WHERE seq = ANY(CAST(? AS bigint[]))"),
            { QVariant(QLatin1Char('{') + seqs.join(QLatin1Char(',')) + QLatin1Char('}')) }));
    return Done {};
}

Status RollupChangeLog::requestVerify() const
{
    RAGSCOPE_TRY(
        ins, m_store.exec(QStringLiteral("INSERT INTO ragscope_rollup_dirty (source) VALUES ('*')")));
    return Done {};
}

} // namespace RagScope
