-- A change log for the rollups, filled by triggers on the backend's tables, so that
-- `ragscope-cli rollup` rebuilds exactly the hours that changed instead of fingerprinting every
-- hour of the store (a full index pass: ~2 s per million rows). Each statement that inserts,
-- updates or deletes interactions or feedback appends the distinct UTC hours it touched:
--   'i': an hour of interactions to rebuild (feedback changes mark their interaction's hour too,
--        for the "with feedback" counts),
--   'f': an hour of feedback (by the feedback's own created_at) to rebuild.
-- Statement-level triggers with transition tables: one small INSERT per statement, however many
-- rows it writes. SECURITY DEFINER with a pinned search_path, so a backend role that may write
-- chat_interactions needs no rights on RagScope's tables.
-- The '*' row asks the next refresh to compare every hour's fingerprint once (changes made before
-- these triggers existed are not in the log).
-- A role that may not create triggers on the backend's tables (not their owner) still migrates:
-- the triggers are skipped with a notice and refreshes keep comparing fingerprints.
-- Also: the end users' ratings per bucket by interaction time (sum, and how many are <= 2), for
-- the top-users table; the rollups are rebuilt once (their state is cleared).
ALTER TABLE ragscope_rollup_hour_model ADD COLUMN IF NOT EXISTS rating_total BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_hour_model ADD COLUMN IF NOT EXISTS low_rated BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_day_user ADD COLUMN IF NOT EXISTS rating_total BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ragscope_rollup_day_user ADD COLUMN IF NOT EXISTS low_rated BIGINT NOT NULL DEFAULT 0;
DELETE FROM ragscope_rollup_state;
DELETE FROM ragscope_rollup_horizon;
-- Per hour and model, the interactions that got each end-user rating (by interaction time) and
-- their confidence, for the confidence-by-rating chart.
CREATE TABLE IF NOT EXISTS ragscope_rollup_rating_hour_model (
    bucket TIMESTAMPTZ NOT NULL,
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
    bucket TIMESTAMPTZ NOT NULL,
    model_name VARCHAR(100),
    total_sketch BYTEA,
    retrieval_sketch BYTEA,
    generation_sketch BYTEA
);
CREATE INDEX IF NOT EXISTS ix_rollup_day_model_sketch ON ragscope_rollup_day_model_sketch (bucket, model_name);

CREATE TABLE IF NOT EXISTS ragscope_rollup_dirty (
    seq BIGSERIAL PRIMARY KEY,
    source CHAR(1) NOT NULL,
    bucket TIMESTAMPTZ
);
INSERT INTO ragscope_rollup_dirty (source, bucket) VALUES ('*', NULL);

CREATE OR REPLACE FUNCTION ragscope_mark_interactions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO ragscope_rollup_dirty (source, bucket)
        SELECT DISTINCT 'i', date_trunc('hour', n.created_at, 'UTC') FROM ragscope_new n;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO ragscope_rollup_dirty (source, bucket)
        SELECT DISTINCT 'i', date_trunc('hour', o.created_at, 'UTC') FROM ragscope_old o;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ragscope_mark_feedbacks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO ragscope_rollup_dirty (source, bucket)
        SELECT DISTINCT 'f', date_trunc('hour', n.created_at, 'UTC') FROM ragscope_new n
        UNION SELECT DISTINCT 'i', date_trunc('hour', i.created_at, 'UTC')
            FROM ragscope_new n JOIN chat_interactions i ON i.id = n.interaction_id;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO ragscope_rollup_dirty (source, bucket)
        SELECT DISTINCT 'f', date_trunc('hour', o.created_at, 'UTC') FROM ragscope_old o
        UNION SELECT DISTINCT 'i', date_trunc('hour', i.created_at, 'UTC')
            FROM ragscope_old o JOIN chat_interactions i ON i.id = o.interaction_id;
    END IF;
    RETURN NULL;
END $$;

DO $$
BEGIN
    DROP TRIGGER IF EXISTS ragscope_ci_insert ON chat_interactions;
    DROP TRIGGER IF EXISTS ragscope_ci_update ON chat_interactions;
    DROP TRIGGER IF EXISTS ragscope_ci_delete ON chat_interactions;
    DROP TRIGGER IF EXISTS ragscope_cf_insert ON chat_feedbacks;
    DROP TRIGGER IF EXISTS ragscope_cf_update ON chat_feedbacks;
    DROP TRIGGER IF EXISTS ragscope_cf_delete ON chat_feedbacks;
    CREATE TRIGGER ragscope_ci_insert AFTER INSERT ON chat_interactions
        REFERENCING NEW TABLE AS ragscope_new FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_interactions();
    CREATE TRIGGER ragscope_ci_update AFTER UPDATE ON chat_interactions
        REFERENCING OLD TABLE AS ragscope_old NEW TABLE AS ragscope_new
        FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_interactions();
    CREATE TRIGGER ragscope_ci_delete AFTER DELETE ON chat_interactions
        REFERENCING OLD TABLE AS ragscope_old FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_interactions();
    CREATE TRIGGER ragscope_cf_insert AFTER INSERT ON chat_feedbacks
        REFERENCING NEW TABLE AS ragscope_new FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_feedbacks();
    CREATE TRIGGER ragscope_cf_update AFTER UPDATE ON chat_feedbacks
        REFERENCING OLD TABLE AS ragscope_old NEW TABLE AS ragscope_new
        FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_feedbacks();
    CREATE TRIGGER ragscope_cf_delete AFTER DELETE ON chat_feedbacks
        REFERENCING OLD TABLE AS ragscope_old FOR EACH STATEMENT EXECUTE FUNCTION ragscope_mark_feedbacks();
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'ragscope: may not create triggers on the backend tables; rollup refreshes compare fingerprints';
END $$;
