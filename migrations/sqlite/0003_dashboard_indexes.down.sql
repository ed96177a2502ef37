DROP INDEX IF EXISTS ix_cf_created;
DROP INDEX IF EXISTS ix_ci_model_created;
DROP INDEX IF EXISTS ix_ci_created_id;
