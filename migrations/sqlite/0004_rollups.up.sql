-- RagScope's own rollups, maintained by `ragscope-cli rollup` (RollupRefresher): the dashboard
-- reads whole closed buckets from here and only the unaligned window edges and the open hour
-- from chat_interactions. Two grains, because hour x user x model would be as large as the
-- table it summarises:
--   *_hour_model: per UTC hour and model (unfiltered and model-filtered views), with latency
--                 sketches (LatencySketch bytes, relative error <= 1%);
--   *_day_user:   per UTC day and user (user filters), without sketches.
-- A bucket's rows are always replaced as a whole. ragscope_rollup_state holds, per bucket, the
-- fingerprint (row count and id checksum) of the rows it was built from; ragscope_rollup_horizon
-- says up to where (exclusive) each grain is complete.
-- SQLite: bucket is UTC text like created_at; cost is an integer count of 1e-8 USD.

CREATE TABLE IF NOT EXISTS ragscope_rollup_hour_model (
    bucket TEXT NOT NULL,
    model_name TEXT,
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
    total_sketch BLOB,
    retrieval_n INTEGER NOT NULL,
    retrieval_sum REAL NOT NULL,
    retrieval_sketch BLOB,
    generation_n INTEGER NOT NULL,
    generation_sum REAL NOT NULL,
    generation_sketch BLOB,
    with_feedback INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_hour_model ON ragscope_rollup_hour_model (bucket, model_name);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_hour_model (
    bucket TEXT NOT NULL,
    model_name TEXT,
    rating INTEGER NOT NULL,
    feedbacks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_hour_model ON ragscope_rollup_feedback_hour_model (bucket);
CREATE TABLE IF NOT EXISTS ragscope_rollup_day_user (
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
    total_sketch BLOB,
    retrieval_n INTEGER NOT NULL,
    retrieval_sum REAL NOT NULL,
    retrieval_sketch BLOB,
    generation_n INTEGER NOT NULL,
    generation_sum REAL NOT NULL,
    generation_sketch BLOB,
    with_feedback INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_day_user ON ragscope_rollup_day_user (user_id, bucket);
CREATE INDEX IF NOT EXISTS ix_rollup_day_user_bucket ON ragscope_rollup_day_user (bucket);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_day_user (
    bucket TEXT NOT NULL,
    user_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    feedbacks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_day_user ON ragscope_rollup_feedback_day_user (bucket);
CREATE TABLE IF NOT EXISTS ragscope_rollup_state (
    grain TEXT NOT NULL,
    source TEXT NOT NULL,
    bucket TEXT NOT NULL,
    rows_n INTEGER NOT NULL,
    checksum INTEGER NOT NULL,
    PRIMARY KEY (grain, source, bucket)
);
CREATE TABLE IF NOT EXISTS ragscope_rollup_horizon (
    grain TEXT PRIMARY KEY,
    horizon TEXT NOT NULL,
    refreshed_at TEXT NOT NULL
);
-- The refresh fingerprints feedback per hour (count, checksum of id x rating) from this index
-- alone; interactions use ix_ci_created_id (created_at, id) of migration 0003.
CREATE INDEX IF NOT EXISTS ix_cf_created_id_rating ON chat_feedbacks (created_at, id, rating);
