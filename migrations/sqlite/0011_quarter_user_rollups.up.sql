-- Per quarter day (six UTC hours from midnight) and user: the day x user rows at a finer grain.
-- The top-users table reads a window's partial first day from them, so that at most three hours
-- of it are read raw (each raw row costs a feedback probe) instead of up to twelve: ~45 ms of the
-- table's ~75 ms at 10M interactions over 90 days. RollupRefresher writes them with the day x user
-- rows it rebuilds (the day rows are summed from them, one pass over the raw rows for both) and
-- fills them for every closed day on its first refresh after this migration; the 'quarter_user'
-- row of ragscope_rollup_horizon says they are complete, readers without it (not refreshed since,
-- a windowed snapshot) read those hours raw. ~4x the day x user rows; no feedback or sketches.
-- Their columns are the day x user rows' (SQLite, without LIKE, spells them out).
CREATE TABLE IF NOT EXISTS ragscope_rollup_quarter_user (
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
CREATE INDEX IF NOT EXISTS ix_rollup_quarter_user ON ragscope_rollup_quarter_user (bucket, user_id);
