-- Two user-keyed rollups for the top-users table, the user picker and user filters.
--
-- Per UTC hour and user, only for the closed hours of the open day (from the day grain's horizon
-- up to the hour grain's): the top-users table, the user picker and user filters read them instead
-- of up to a day of raw rows (~110k rows and ~1 s at 10M interactions over 90 days). Kept that
-- short because hour x user over all history would be nearly as large as chat_interactions.
-- RollupRefresher writes them with each hour it rebuilds in the open day and deletes them when the
-- day closes; ragscope_rollup_horizon's 'hour_user' row says they are complete, readers without it
-- (never refreshed since this migration, a windowed snapshot) read those hours raw.
CREATE TABLE IF NOT EXISTS ragscope_rollup_hour_user (
    bucket TEXT NOT NULL,
    user_id TEXT NOT NULL,
    requests INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    total_tokens INTEGER NOT NULL,
    cost_usd_e8 INTEGER NOT NULL,
    unpriced INTEGER NOT NULL,
    priced INTEGER NOT NULL,
    conf_b0 INTEGER NOT NULL,
    conf_b1 INTEGER NOT NULL,
    conf_b2 INTEGER NOT NULL,
    conf_b3 INTEGER NOT NULL,
    conf_b4 INTEGER NOT NULL,
    conf_b5 INTEGER NOT NULL,
    conf_b6 INTEGER NOT NULL,
    conf_b7 INTEGER NOT NULL,
    conf_b8 INTEGER NOT NULL,
    conf_b9 INTEGER NOT NULL,
    conf_unknown INTEGER NOT NULL,
    conf_sum REAL NOT NULL,
    total_n INTEGER NOT NULL,
    total_sum REAL NOT NULL,
    retrieval_n INTEGER NOT NULL,
    retrieval_sum REAL NOT NULL,
    generation_n INTEGER NOT NULL,
    generation_sum REAL NOT NULL,
    with_feedback INTEGER NOT NULL,
    rating_total INTEGER NOT NULL,
    low_rated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_hour_user ON ragscope_rollup_hour_user (bucket, user_id);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_hour_user (
    bucket TEXT NOT NULL,
    user_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    feedbacks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_hour_user ON ragscope_rollup_feedback_hour_user (bucket);
-- The open day's closed hours were rolled up without these rows: the next refresh rebuilds them
-- (the change log path takes every hour after the hour horizon, the fingerprint path every hour
-- without a recorded fingerprint).
DELETE FROM ragscope_rollup_state WHERE grain = 'hour'
    AND bucket >= (SELECT horizon FROM ragscope_rollup_horizon WHERE grain = 'day');
UPDATE ragscope_rollup_horizon SET horizon = (SELECT horizon FROM ragscope_rollup_horizon WHERE grain = 'day')
    WHERE grain = 'hour' AND EXISTS (SELECT 1 FROM ragscope_rollup_horizon WHERE grain = 'day');

-- Per UTC week (from Monday) and user: the sums of that week's day x user rows, rebuilt with them
-- (the current week holds its days before the day horizon). The top-users table and the user
-- picker sum ~13 week rows per user for 90 days instead of ~90 day rows (~180k rows at 2,000
-- users). ragscope_rollup_horizon's 'week' row says they match the day rows. Their columns are the
-- hour x user rows'.
CREATE TABLE IF NOT EXISTS ragscope_rollup_week_user (
    bucket TEXT NOT NULL,
    user_id TEXT NOT NULL,
    requests INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    total_tokens INTEGER NOT NULL,
    cost_usd_e8 INTEGER NOT NULL,
    unpriced INTEGER NOT NULL,
    priced INTEGER NOT NULL,
    conf_b0 INTEGER NOT NULL,
    conf_b1 INTEGER NOT NULL,
    conf_b2 INTEGER NOT NULL,
    conf_b3 INTEGER NOT NULL,
    conf_b4 INTEGER NOT NULL,
    conf_b5 INTEGER NOT NULL,
    conf_b6 INTEGER NOT NULL,
    conf_b7 INTEGER NOT NULL,
    conf_b8 INTEGER NOT NULL,
    conf_b9 INTEGER NOT NULL,
    conf_unknown INTEGER NOT NULL,
    conf_sum REAL NOT NULL,
    total_n INTEGER NOT NULL,
    total_sum REAL NOT NULL,
    retrieval_n INTEGER NOT NULL,
    retrieval_sum REAL NOT NULL,
    generation_n INTEGER NOT NULL,
    generation_sum REAL NOT NULL,
    with_feedback INTEGER NOT NULL,
    rating_total INTEGER NOT NULL,
    low_rated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_week_user ON ragscope_rollup_week_user (bucket, user_id);
DELETE FROM ragscope_rollup_week_user;
INSERT INTO ragscope_rollup_week_user (bucket, user_id, requests, prompt_tokens, completion_tokens, total_tokens, cost_usd_e8, unpriced, priced, conf_b0, conf_b1, conf_b2, conf_b3, conf_b4, conf_b5, conf_b6, conf_b7, conf_b8, conf_b9, conf_unknown, conf_sum, total_n, total_sum, retrieval_n, retrieval_sum, generation_n, generation_sum, with_feedback, rating_total, low_rated)
    SELECT strftime('%Y-%m-%dT00:00:00.000000Z', bucket, 'weekday 0', '-6 days'), user_id, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), SUM(cost_usd_e8), SUM(unpriced), SUM(priced), SUM(conf_b0), SUM(conf_b1), SUM(conf_b2), SUM(conf_b3), SUM(conf_b4), SUM(conf_b5), SUM(conf_b6), SUM(conf_b7), SUM(conf_b8), SUM(conf_b9), SUM(conf_unknown), SUM(conf_sum), SUM(total_n), SUM(total_sum), SUM(retrieval_n), SUM(retrieval_sum), SUM(generation_n), SUM(generation_sum), SUM(with_feedback), SUM(rating_total), SUM(low_rated)
    FROM ragscope_rollup_day_user GROUP BY strftime('%Y-%m-%dT00:00:00.000000Z', bucket, 'weekday 0', '-6 days'), user_id;
DELETE FROM ragscope_rollup_horizon WHERE grain = 'week';
INSERT INTO ragscope_rollup_horizon (grain, horizon, refreshed_at)
    SELECT 'week', horizon, refreshed_at FROM ragscope_rollup_horizon WHERE grain = 'day';
