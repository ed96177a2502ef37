-- See the PostgreSQL twin.
-- ragscope:refuse-if-rows ragscope_review_queues
DELETE FROM ragscope_reviews WHERE kind = 'undo'
    OR id IN (SELECT undoes_id FROM ragscope_reviews WHERE undoes_id IS NOT NULL);
DROP INDEX IF EXISTS ix_rr_undoes;
DROP INDEX IF EXISTS ix_rr_queue;
ALTER TABLE ragscope_reviews DROP COLUMN seconds_spent;
ALTER TABLE ragscope_reviews DROP COLUMN undoes_id;
ALTER TABLE ragscope_reviews DROP COLUMN kind;
ALTER TABLE ragscope_reviews DROP COLUMN queue_id;
DROP TABLE IF EXISTS ragscope_review_leases;
DROP TABLE IF EXISTS ragscope_review_queues;
DROP TABLE IF EXISTS ragscope_review_scale;
DROP TABLE IF EXISTS ragscope_review_labels;
