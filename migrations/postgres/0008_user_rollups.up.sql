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
    bucket TIMESTAMPTZ NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    requests BIGINT NOT NULL,
    prompt_tokens BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    total_tokens BIGINT NOT NULL,
    cost_estimate NUMERIC(20, 8) NOT NULL,
    unpriced BIGINT NOT NULL,
    priced BIGINT NOT NULL,
    conf_b0 BIGINT NOT NULL,
    conf_b1 BIGINT NOT NULL,
    conf_b2 BIGINT NOT NULL,
    conf_b3 BIGINT NOT NULL,
    conf_b4 BIGINT NOT NULL,
    conf_b5 BIGINT NOT NULL,
    conf_b6 BIGINT NOT NULL,
    conf_b7 BIGINT NOT NULL,
    conf_b8 BIGINT NOT NULL,
    conf_b9 BIGINT NOT NULL,
    conf_unknown BIGINT NOT NULL,
    conf_sum DOUBLE PRECISION NOT NULL,
    total_n BIGINT NOT NULL,
    total_sum DOUBLE PRECISION NOT NULL,
    retrieval_n BIGINT NOT NULL,
    retrieval_sum DOUBLE PRECISION NOT NULL,
    generation_n BIGINT NOT NULL,
    generation_sum DOUBLE PRECISION NOT NULL,
    with_feedback BIGINT NOT NULL,
    rating_total BIGINT NOT NULL,
    low_rated BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_hour_user ON ragscope_rollup_hour_user (bucket, user_id);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_hour_user (
    bucket TIMESTAMPTZ NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    rating SMALLINT NOT NULL,
    feedbacks BIGINT NOT NULL
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
-- hour x user rows' (SQLite, without LIKE, spells them out).
CREATE TABLE IF NOT EXISTS ragscope_rollup_week_user (LIKE ragscope_rollup_hour_user INCLUDING DEFAULTS);
CREATE INDEX IF NOT EXISTS ix_rollup_week_user ON ragscope_rollup_week_user (bucket, user_id);
DELETE FROM ragscope_rollup_week_user;
INSERT INTO ragscope_rollup_week_user (bucket, user_id, requests, prompt_tokens, completion_tokens, total_tokens, cost_estimate, unpriced, priced, conf_b0, conf_b1, conf_b2, conf_b3, conf_b4, conf_b5, conf_b6, conf_b7, conf_b8, conf_b9, conf_unknown, conf_sum, total_n, total_sum, retrieval_n, retrieval_sum, generation_n, generation_sum, with_feedback, rating_total, low_rated)
    SELECT date_trunc('week', bucket, 'UTC'), user_id, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), SUM(cost_estimate), SUM(unpriced), SUM(priced), SUM(conf_b0), SUM(conf_b1), SUM(conf_b2), SUM(conf_b3), SUM(conf_b4), SUM(conf_b5), SUM(conf_b6), SUM(conf_b7), SUM(conf_b8), SUM(conf_b9), SUM(conf_unknown), SUM(conf_sum), SUM(total_n), SUM(total_sum), SUM(retrieval_n), SUM(retrieval_sum), SUM(generation_n), SUM(generation_sum), SUM(with_feedback), SUM(rating_total), SUM(low_rated)
    FROM ragscope_rollup_day_user GROUP BY date_trunc('week', bucket, 'UTC'), user_id;
DELETE FROM ragscope_rollup_horizon WHERE grain = 'week';
INSERT INTO ragscope_rollup_horizon (grain, horizon, refreshed_at)
    SELECT 'week', horizon, refreshed_at FROM ragscope_rollup_horizon WHERE grain = 'day';
