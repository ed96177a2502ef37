DROP INDEX IF EXISTS ix_cf_created_id_rating;
DROP TABLE IF EXISTS ragscope_rollup_horizon;
DROP TABLE IF EXISTS ragscope_rollup_state;
DROP TABLE IF EXISTS ragscope_rollup_feedback_day_user;
DROP TABLE IF EXISTS ragscope_rollup_day_user;
DROP TABLE IF EXISTS ragscope_rollup_feedback_hour_model;
DROP TABLE IF EXISTS ragscope_rollup_hour_model;
