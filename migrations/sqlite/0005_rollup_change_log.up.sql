-- The end users' ratings per bucket by interaction time (sum, and how many are <= 2), for the
-- top-users table; the rollups are rebuilt once (their state is cleared). SQLite has no
-- ADD COLUMN IF NOT EXISTS: the runner's version table keeps this from running twice.
-- (PostgreSQL's 0005 also adds triggers that log changed hours; SQLite files, snapshots and the
-- demo, keep comparing hour fingerprints, about a second per million rows.)
ALTER TABLE ragscope_rollup_hour_model ADD COLUMN rating_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_hour_model ADD COLUMN low_rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_day_user ADD COLUMN rating_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_day_user ADD COLUMN low_rated INTEGER NOT NULL DEFAULT 0;
DELETE FROM ragscope_rollup_state;
DELETE FROM ragscope_rollup_horizon;
-- Per hour and model, the interactions that got each end-user rating (by interaction time) and
-- their confidence, for the confidence-by-rating chart.
CREATE TABLE IF NOT EXISTS ragscope_rollup_rating_hour_model (
    bucket TEXT NOT NULL,
    model_name VARCHAR(100),
    rating SMALLINT NOT NULL,
    interactions BIGINT NOT NULL,
    conf_n BIGINT NOT NULL,
    conf_sum DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_rating_hour_model ON ragscope_rollup_rating_hour_model (bucket);
-- Per closed day and model, the merge of the day's hour sketches (DaySketches): long windows
-- merge a few hundred sketches instead of thousands.
CREATE TABLE IF NOT EXISTS ragscope_rollup_day_model_sketch (
    bucket TEXT NOT NULL,
    model_name VARCHAR(100),
    total_sketch BLOB,
    retrieval_sketch BLOB,
    generation_sketch BLOB
);
CREATE INDEX IF NOT EXISTS ix_rollup_day_model_sketch ON ragscope_rollup_day_model_sketch (bucket, model_name);
