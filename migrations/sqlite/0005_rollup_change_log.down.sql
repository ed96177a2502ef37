DROP TABLE IF EXISTS ragscope_rollup_day_model_sketch;
DROP TABLE IF EXISTS ragscope_rollup_rating_hour_model;
DELETE FROM ragscope_rollup_state;
DELETE FROM ragscope_rollup_horizon;
ALTER TABLE ragscope_rollup_day_user DROP COLUMN low_rated;
ALTER TABLE ragscope_rollup_day_user DROP COLUMN rating_total;
ALTER TABLE ragscope_rollup_hour_model DROP COLUMN low_rated;
ALTER TABLE ragscope_rollup_hour_model DROP COLUMN rating_total;
