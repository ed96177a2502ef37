-- Per closed UTC day and model, the sums of that day's hour x model rows (DayModelRows), the
-- feedback counts per rating and the interactions per rating: the middle of a long window reads
-- its whole days from here (~270 rows for 90 days and three models) instead of every hour
-- (~6,500 rows, ~32,000 feedback rows), so the unfiltered and model-filtered dashboard's cost
-- grows with the days of a window, not its hours. Rebuilt from the hour rows with the days the
-- refresh rebuilds, like the day sketches; nothing here reads the base tables.
-- ragscope_rollup_horizon's 'day_model' row says they match the hour rows before it; readers
-- without it (never refreshed since this migration, a windowed snapshot) read the hour rows.
-- Their columns are the hour x model rows' without the sketches (those of whole days are in
-- ragscope_rollup_day_model_sketch); SQLite, without LIKE, spells them out.
CREATE TABLE IF NOT EXISTS ragscope_rollup_day_model (LIKE ragscope_rollup_hour_model INCLUDING DEFAULTS);
ALTER TABLE ragscope_rollup_day_model DROP COLUMN IF EXISTS total_sketch, DROP COLUMN IF EXISTS retrieval_sketch,
    DROP COLUMN IF EXISTS generation_sketch;
CREATE INDEX IF NOT EXISTS ix_rollup_day_model ON ragscope_rollup_day_model (bucket, model_name);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_day_model (LIKE ragscope_rollup_feedback_hour_model INCLUDING DEFAULTS);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_day_model ON ragscope_rollup_feedback_day_model (bucket);
-- Interactions per end-user rating, by interaction time (as ragscope_rollup_rating_hour_model).
CREATE TABLE IF NOT EXISTS ragscope_rollup_rating_day_model (LIKE ragscope_rollup_rating_hour_model INCLUDING DEFAULTS);
CREATE INDEX IF NOT EXISTS ix_rollup_rating_day_model ON ragscope_rollup_rating_day_model (bucket);
-- Built at once from the hour rows of the days before the day horizon.
DELETE FROM ragscope_rollup_day_model;
DELETE FROM ragscope_rollup_feedback_day_model;
DELETE FROM ragscope_rollup_rating_day_model;
INSERT INTO ragscope_rollup_day_model (bucket, model_name, requests, prompt_tokens, completion_tokens, total_tokens, cost_estimate, unpriced, priced, conf_b0, conf_b1, conf_b2, conf_b3, conf_b4, conf_b5, conf_b6, conf_b7, conf_b8, conf_b9, conf_unknown, conf_sum, total_n, total_sum, retrieval_n, retrieval_sum, generation_n, generation_sum, with_feedback, rating_total, low_rated)
    SELECT date_trunc('day', bucket, 'UTC'), model_name, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), SUM(cost_estimate), SUM(unpriced), SUM(priced), SUM(conf_b0), SUM(conf_b1), SUM(conf_b2), SUM(conf_b3), SUM(conf_b4), SUM(conf_b5), SUM(conf_b6), SUM(conf_b7), SUM(conf_b8), SUM(conf_b9), SUM(conf_unknown), SUM(conf_sum), SUM(total_n), SUM(total_sum), SUM(retrieval_n), SUM(retrieval_sum), SUM(generation_n), SUM(generation_sum), SUM(with_feedback), SUM(rating_total), SUM(low_rated)
    FROM ragscope_rollup_hour_model
    WHERE bucket < (SELECT horizon FROM ragscope_rollup_horizon WHERE grain = 'day')
    GROUP BY date_trunc('day', bucket, 'UTC'), model_name;
INSERT INTO ragscope_rollup_feedback_day_model (bucket, model_name, rating, feedbacks)
    SELECT date_trunc('day', bucket, 'UTC'), model_name, rating, SUM(feedbacks)
    FROM ragscope_rollup_feedback_hour_model
    WHERE bucket < (SELECT horizon FROM ragscope_rollup_horizon WHERE grain = 'day')
    GROUP BY date_trunc('day', bucket, 'UTC'), model_name, rating;
INSERT INTO ragscope_rollup_rating_day_model (bucket, model_name, rating, interactions, conf_n, conf_sum)
    SELECT date_trunc('day', bucket, 'UTC'), model_name, rating, SUM(interactions), SUM(conf_n), SUM(conf_sum)
    FROM ragscope_rollup_rating_hour_model
    WHERE bucket < (SELECT horizon FROM ragscope_rollup_horizon WHERE grain = 'day')
    GROUP BY date_trunc('day', bucket, 'UTC'), model_name, rating;
DELETE FROM ragscope_rollup_horizon WHERE grain = 'day_model';
INSERT INTO ragscope_rollup_horizon (grain, horizon, refreshed_at)
    SELECT 'day_model', horizon, refreshed_at FROM ragscope_rollup_horizon WHERE grain = 'day';
