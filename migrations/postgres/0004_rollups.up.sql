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

CREATE TABLE IF NOT EXISTS ragscope_rollup_hour_model (
    bucket TIMESTAMPTZ NOT NULL,
    model_name VARCHAR(100),
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
    total_sketch BYTEA,
    retrieval_n BIGINT NOT NULL,
    retrieval_sum DOUBLE PRECISION NOT NULL,
    retrieval_sketch BYTEA,
    generation_n BIGINT NOT NULL,
    generation_sum DOUBLE PRECISION NOT NULL,
    generation_sketch BYTEA,
    with_feedback BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_hour_model ON ragscope_rollup_hour_model (bucket, model_name);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_hour_model (
    bucket TIMESTAMPTZ NOT NULL,
    model_name VARCHAR(100),
    rating SMALLINT NOT NULL,
    feedbacks BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_hour_model ON ragscope_rollup_feedback_hour_model (bucket);
CREATE TABLE IF NOT EXISTS ragscope_rollup_day_user (
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
    total_sketch BYTEA,
    retrieval_n BIGINT NOT NULL,
    retrieval_sum DOUBLE PRECISION NOT NULL,
    retrieval_sketch BYTEA,
    generation_n BIGINT NOT NULL,
    generation_sum DOUBLE PRECISION NOT NULL,
    generation_sketch BYTEA,
    with_feedback BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_day_user ON ragscope_rollup_day_user (user_id, bucket);
CREATE INDEX IF NOT EXISTS ix_rollup_day_user_bucket ON ragscope_rollup_day_user (bucket);
-- Feedback by its own created_at (store contract section 3), per rating.
CREATE TABLE IF NOT EXISTS ragscope_rollup_feedback_day_user (
    bucket TIMESTAMPTZ NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    rating SMALLINT NOT NULL,
    feedbacks BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rollup_feedback_day_user ON ragscope_rollup_feedback_day_user (bucket);
CREATE TABLE IF NOT EXISTS ragscope_rollup_state (
    grain TEXT NOT NULL,
    source TEXT NOT NULL,
    bucket TIMESTAMPTZ NOT NULL,
    rows_n BIGINT NOT NULL,
    checksum BIGINT NOT NULL,
    PRIMARY KEY (grain, source, bucket)
);
CREATE TABLE IF NOT EXISTS ragscope_rollup_horizon (
    grain TEXT PRIMARY KEY,
    horizon TIMESTAMPTZ NOT NULL,
    refreshed_at TIMESTAMPTZ NOT NULL
);
-- The refresh fingerprints feedback per hour (count, checksum of id x rating) from this index
-- alone; interactions use ix_ci_created_id (created_at, id) of migration 0003.
CREATE INDEX IF NOT EXISTS ix_cf_created_id_rating ON chat_feedbacks (created_at, id, rating);
