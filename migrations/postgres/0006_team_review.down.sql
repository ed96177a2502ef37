-- Saved queues are the team's work: refuse while there are any. An undone save and its undo
-- cancel out; without the kind column they would read as two verdicts, so both go.
-- ragscope:refuse-if-rows ragscope_review_queues
DELETE FROM ragscope_reviews WHERE kind = 'undo'
    OR id IN (SELECT undoes_id FROM ragscope_reviews WHERE undoes_id IS NOT NULL);
DROP INDEX IF EXISTS ix_rr_undoes;
DROP INDEX IF EXISTS ix_rr_queue;
ALTER TABLE ragscope_reviews DROP COLUMN IF EXISTS seconds_spent;
ALTER TABLE ragscope_reviews DROP COLUMN IF EXISTS undoes_id;
ALTER TABLE ragscope_reviews DROP COLUMN IF EXISTS kind;
ALTER TABLE ragscope_reviews DROP COLUMN IF EXISTS queue_id;
DROP TABLE IF EXISTS ragscope_review_leases;
DROP TABLE IF EXISTS ragscope_review_queues;
DROP TABLE IF EXISTS ragscope_review_scale;
DROP TABLE IF EXISTS ragscope_review_labels;
