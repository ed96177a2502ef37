DELETE FROM ragscope_rollup_horizon WHERE grain = 'day_model';
DROP TABLE IF EXISTS ragscope_rollup_rating_day_model;
DROP TABLE IF EXISTS ragscope_rollup_feedback_day_model;
DROP TABLE IF EXISTS ragscope_rollup_day_model;
