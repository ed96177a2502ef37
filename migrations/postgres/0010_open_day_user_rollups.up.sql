-- Per user, the sums of the open day's hour x user rows (migration 0008) so far: one row per
-- user (bucket: the open day) instead of one per hour and user (~40,000 rows by the evening at
-- 2,000 users), for the top-users table over windows that run up to the hour grain's horizon.
-- RollupRefresher rebuilds them with the hour x user rows, in the same transaction, so the
-- 'hour_user' horizon row holds for both; a windowed snapshot takes neither. Their columns are
-- the hour x user rows'.
CREATE TABLE IF NOT EXISTS ragscope_rollup_open_day_user (LIKE ragscope_rollup_hour_user INCLUDING DEFAULTS);
DELETE FROM ragscope_rollup_open_day_user;
INSERT INTO ragscope_rollup_open_day_user (bucket, user_id, requests, prompt_tokens, completion_tokens, total_tokens, cost_estimate, unpriced, priced, conf_b0, conf_b1, conf_b2, conf_b3, conf_b4, conf_b5, conf_b6, conf_b7, conf_b8, conf_b9, conf_unknown, conf_sum, total_n, total_sum, retrieval_n, retrieval_sum, generation_n, generation_sum, with_feedback, rating_total, low_rated)
    SELECT date_trunc('day', bucket, 'UTC'), user_id, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), SUM(cost_estimate), SUM(unpriced), SUM(priced), SUM(conf_b0), SUM(conf_b1), SUM(conf_b2), SUM(conf_b3), SUM(conf_b4), SUM(conf_b5), SUM(conf_b6), SUM(conf_b7), SUM(conf_b8), SUM(conf_b9), SUM(conf_unknown), SUM(conf_sum), SUM(total_n), SUM(total_sum), SUM(retrieval_n), SUM(retrieval_sum), SUM(generation_n), SUM(generation_sum), SUM(with_feedback), SUM(rating_total), SUM(low_rated)
    FROM ragscope_rollup_hour_user GROUP BY date_trunc('day', bucket, 'UTC'), user_id;
