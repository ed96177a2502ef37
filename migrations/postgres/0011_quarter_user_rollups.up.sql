-- Per quarter day (six UTC hours from midnight) and user: the day x user rows at a finer grain.
-- The top-users table reads a window's partial first day from them, so that at most three hours
-- of it are read raw (each raw row costs a feedback probe) instead of up to twelve: ~45 ms of the
-- table's ~75 ms at 10M interactions over 90 days. RollupRefresher writes them with the day x user
-- rows it rebuilds (the day rows are summed from them, one pass over the raw rows for both) and
-- fills them for every closed day on its first refresh after this migration; the 'quarter_user'
-- row of ragscope_rollup_horizon says they are complete, readers without it (not refreshed since,
-- a windowed snapshot) read those hours raw. ~4x the day x user rows; no feedback or sketches.
-- Their columns are the day x user rows' (SQLite, without LIKE, spells them out).
CREATE TABLE IF NOT EXISTS ragscope_rollup_quarter_user (LIKE ragscope_rollup_day_user INCLUDING DEFAULTS);
CREATE INDEX IF NOT EXISTS ix_rollup_quarter_user ON ragscope_rollup_quarter_user (bucket, user_id);
