#include "rollupsql.h"

namespace RagScope::RollupSql {

namespace {

const QStringList Latencies { QStringLiteral("total"), QStringLiteral("retrieval"),
    QStringLiteral("generation") };

/// A 32-bit checksum of a UUID: PostgreSQL's own uuid_hash(); on SQLite (ids are lowercase
/// UUID text, no hash function) the value of the first eight hex digits.
QString idChecksum(const SqlDialect& d, const QString& column)
{
    if (d.isPostgres())
        return QStringLiteral("CAST(uuid_hash(%1) AS bigint)").arg(column);
    QString digits;
    for (int k = 0; k < 8; ++k)
        digits += (k ? QStringLiteral(" + ") : QString())
            + QStringLiteral("(instr('0123456789abcdef', substr(%1, %2, 1)) - 1) * %3")
                  .arg(column)
                  .arg(k + 1)
                  .arg(qint64(1) << (4 * (7 - k)));
    return QLatin1Char('(') + digits + QLatin1Char(')');
}

} // namespace

const GrainInfo& info(Grain grain)
{
    static const GrainInfo hour { QStringLiteral("hour"), QStringLiteral("ragscope_rollup_hour_model"),
        QStringLiteral("ragscope_rollup_feedback_hour_model"), QStringLiteral("model_name"), 3600, true };
    static const GrainInfo day { QStringLiteral("day"), QStringLiteral("ragscope_rollup_day_user"),
        QStringLiteral("ragscope_rollup_feedback_day_user"), QStringLiteral("user_id"), 86400, false };
    static const GrainInfo hourUser { QStringLiteral("hour_user"),
        QStringLiteral("ragscope_rollup_hour_user"), QStringLiteral("ragscope_rollup_feedback_hour_user"),
        QStringLiteral("user_id"), 3600, false };
    static const GrainInfo weekUser { QStringLiteral("week"), QStringLiteral("ragscope_rollup_week_user"), {},
        QStringLiteral("user_id"), 7 * 86400, false };
    static const GrainInfo dayModel { QStringLiteral("day_model"),
        QStringLiteral("ragscope_rollup_day_model"), QStringLiteral("ragscope_rollup_feedback_day_model"),
        QStringLiteral("model_name"), 86400, false };
    static const GrainInfo quarterUser { QStringLiteral("quarter_user"),
        QStringLiteral("ragscope_rollup_quarter_user"), {}, QStringLiteral("user_id"), 6 * 3600, false };
    switch (grain) {
    case Grain::HourModel:
        return hour;
    case Grain::DayUser:
        return day;
    case Grain::HourUser:
        return hourUser;
    case Grain::WeekUser:
        return weekUser;
    case Grain::QuarterUser:
        return quarterUser;
    case Grain::DayModel:
        break;
    }
    return dayModel;
}

QString bucketOf(const SqlDialect& d, Grain grain, const QString& column)
{
    const qint64 seconds = info(grain).seconds;
    if (seconds == 6 * 3600) { // the day plus six hours for each whole quarter past midnight
        if (d.isPostgres())
            return QStringLiteral(
                "(date_trunc('day', %1, 'UTC') + CAST(floor(extract(hour FROM %1 AT TIME ZONE"
                " 'UTC') / 6) AS integer) * INTERVAL '6 hours')")
                .arg(column);
        return QStringLiteral(
            "(substr(%1, 1, 11) || substr('0' || (CAST(substr(%1, 12, 2) AS INTEGER) / 6 * 6), -2)"
            " || ':00:00.000000Z')")
            .arg(column);
    }
    if (d.isPostgres())
        return QStringLiteral("date_trunc('%1', %2, 'UTC')")
            .arg(seconds == 3600 ? QStringLiteral("hour")
                                 : (seconds == 86400 ? QStringLiteral("day") : QStringLiteral("week")),
                column);
    if (seconds == 3600)
        return QStringLiteral("(substr(%1, 1, 13) || ':00:00.000000Z')").arg(column);
    if (seconds == 86400)
        return QStringLiteral("(substr(%1, 1, 10) || 'T00:00:00.000000Z')").arg(column);
    // the Monday on or before (SQLite's 'weekday 0' moves on to the next Sunday, or stays on one)
    return QStringLiteral("strftime('%Y-%m-%dT00:00:00.000000Z', %1, 'weekday 0', '-6 days')").arg(column);
}

QString sumColumnNames(const SqlDialect& d)
{
    QStringList names { QStringLiteral("requests"), QStringLiteral("prompt_tokens"),
        QStringLiteral("completion_tokens"), QStringLiteral("total_tokens"),
        d.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1), QStringLiteral("unpriced"),
        QStringLiteral("priced") };
    for (int k = 0; k < 10; ++k)
        names << QStringLiteral("conf_b%1").arg(k);
    names << QStringLiteral("conf_unknown") << QStringLiteral("conf_sum");
    for (const QString& l : Latencies)
        names << l + QStringLiteral("_n") << l + QStringLiteral("_sum");
    names << QStringLiteral("with_feedback") << QStringLiteral("rating_total") << QStringLiteral("low_rated");
    return names.join(QStringLiteral(", "));
}

QString aggregate(const SqlDialect& d, bool forInsert, const QString& feedback)
{
    const QString cost = d.costColumn(QStringLiteral("i"));
    QStringList a { QStringLiteral("COUNT(*)"), QStringLiteral("COALESCE(SUM(i.prompt_tokens), 0)"),
        QStringLiteral("COALESCE(SUM(i.completion_tokens), 0)"),
        QStringLiteral("COALESCE(SUM(i.total_tokens), 0)"),
        forInsert ? QStringLiteral("COALESCE(SUM(%1), 0)").arg(cost) : d.costSum(QStringLiteral("i")),
        // the two meanings of "unpriced" that MetricsCollector uses: KPIs count rows with tokens
        // but no cost, the daily table counts rows without a cost
        QStringLiteral("COALESCE(SUM(CASE WHEN %1 IS NULL AND (i.prompt_tokens > 0 OR i.completion_tokens > 0"
                       " OR i.total_tokens > 0) THEN 1 ELSE 0 END), 0)")
            .arg(cost),
        QStringLiteral("COUNT(%1)").arg(cost) };
    const QString bucket = d.confidenceBucket(QStringLiteral("i.confidence_score"));
    for (int k = 0; k < 10; ++k)
        a << QStringLiteral("COALESCE(SUM(CASE WHEN %1 = %2 THEN 1 ELSE 0 END), 0)").arg(bucket).arg(k);
    a << QStringLiteral("COALESCE(SUM(CASE WHEN i.confidence_score IS NULL THEN 1 ELSE 0 END), 0)")
      << QStringLiteral("COALESCE(SUM(i.confidence_score), 0)");
    for (const QString& l : Latencies)
        a << QStringLiteral("COUNT(i.%1_latency_ms)").arg(l)
          << QStringLiteral("COALESCE(SUM(i.%1_latency_ms), 0)").arg(l);
    if (feedback.isEmpty())
        a << QStringLiteral("0") << QStringLiteral("0") << QStringLiteral("0");
    else
        a << QStringLiteral("COUNT(%1interaction_id)").arg(feedback)
          << QStringLiteral("COALESCE(SUM(%1rating), 0)").arg(feedback)
          << QStringLiteral("COALESCE(SUM(CASE WHEN %1rating <= 2 THEN 1 ELSE 0 END), 0)").arg(feedback);
    return a.join(QStringLiteral(", "));
}

QString interactionsWithFeedback(const SqlDialect& d, bool outer, qint64 seconds)
{
    const QString join = outer ? QStringLiteral("LEFT JOIN") : QStringLiteral("JOIN");
    if (d.isPostgres() && seconds < 86'400)
        return QStringLiteral(
            "chat_interactions i %1 LATERAL (SELECT f.interaction_id, f.rating FROM chat_feedbacks f"
            " WHERE f.interaction_id = i.id OFFSET 0) f ON TRUE")
            .arg(join);
    return QStringLiteral("chat_interactions i %1 chat_feedbacks f ON f.interaction_id = i.id").arg(join);
}

QString stagedRows(const SqlDialect& d, qint64 seconds)
{
    QStringList columns;
    for (const QString& c : { QStringLiteral("created_at"), QStringLiteral("model_name"),
             QStringLiteral("user_id"), QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"),
             QStringLiteral("total_tokens"), d.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1),
             QStringLiteral("confidence_score") })
        columns << QStringLiteral("i.%1 AS %1").arg(c);
    for (const QString& l : Latencies)
        columns << QStringLiteral("i.%1_latency_ms AS %1_latency_ms").arg(l);
    columns << idChecksum(d, QStringLiteral("i.id")) + QStringLiteral(" AS id_checksum")
            << QStringLiteral("f.interaction_id AS feedback_interaction_id")
            << QStringLiteral("f.rating AS feedback_rating");
    return QStringLiteral("SELECT %1 FROM %2")
        .arg(columns.join(QStringLiteral(", ")), interactionsWithFeedback(d, true, seconds));
}

QString sum(const SqlDialect& d)
{
    QStringList s;
    const QStringList names = sumColumnNames(d).split(QStringLiteral(", "));
    for (const QString& name : names) {
        if (name == d.costColumn(QStringLiteral("x")).section(QLatin1Char('.'), 1))
            s << d.costSum(QStringLiteral("r"));
        else if (name.endsWith(QLatin1String("_sum")))
            s << QStringLiteral("COALESCE(SUM(r.%1), 0)").arg(name);
        else
            s << QStringLiteral("CAST(COALESCE(SUM(r.%1), 0) AS BIGINT)").arg(name);
    }
    return s.join(QStringLiteral(", "));
}

QString columnSums(const SqlDialect& d)
{
    QStringList sums;
    for (const QString& column : sumColumnNames(d).split(QStringLiteral(", ")))
        sums << QStringLiteral("SUM(r.%1)").arg(column);
    return sums.join(QStringLiteral(", "));
}

QString sumUserRows(
    const SqlDialect& d, Grain target, const QString& targetTable, const QString& source, bool ranged)
{
    const QString bucket = bucketOf(d, target, QStringLiteral("r.bucket"));
    return QStringLiteral("INSERT INTO %1 (bucket, user_id, %2) SELECT %3, r.user_id, %4 FROM %5 r%6"
                          " GROUP BY %3, r.user_id")
        .arg(targetTable, sumColumnNames(d), bucket, columnSums(d), source,
            ranged ? QStringLiteral(" WHERE r.bucket >= %1 AND r.bucket < %1").arg(d.timeParam())
                   : QString());
}

BoundSql fingerprints(const SqlDialect& d, bool feedback, const QString& from, const QString& to)
{
    const QString alias = feedback ? QStringLiteral("f") : QStringLiteral("i");
    const QString table = feedback ? QStringLiteral("chat_feedbacks") : QStringLiteral("chat_interactions");
    QString checksum = idChecksum(d, alias + QStringLiteral(".id"));
    if (feedback)
        checksum += QStringLiteral(" * f.rating");
    QString where = QStringLiteral("%1.created_at < %2").arg(alias, d.timeParam());
    QVariantList values { to };
    if (!from.isEmpty()) {
        where += QStringLiteral(" AND %1.created_at >= %2").arg(alias, d.timeParam());
        values << from;
    }
    // Grouped on the bucket value first, formatted once per bucket: cheap over millions of rows.
    return { QStringLiteral(
                 "SELECT %1, x.n, x.c FROM (SELECT %2 AS b, COUNT(*) AS n, CAST(SUM(%3) AS BIGINT) AS c"
                 " FROM %4 %5 WHERE %6 GROUP BY %2) x")
                 .arg(d.timeText(QStringLiteral("x.b")),
                     bucketOf(d, Grain::HourModel, alias + QStringLiteral(".created_at")), checksum, table,
                     alias, where),
        values };
}

BoundSql interactionHoursOfFeedback(const SqlDialect& d, const QString& from, const QString& to)
{
    return {
        QStringLiteral(
            "SELECT DISTINCT %1 FROM chat_feedbacks f JOIN chat_interactions i ON i.id = f.interaction_id"
            " WHERE f.created_at >= %2 AND f.created_at < %2")
            .arg(d.timeText(bucketOf(d, Grain::HourModel, QStringLiteral("i.created_at"))), d.timeParam()),
        { from, to }
    };
}

} // namespace RagScope::RollupSql
