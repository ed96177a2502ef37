DELETE FROM ragscope_rollup_horizon WHERE grain = 'hour_user';
DROP TABLE IF EXISTS ragscope_rollup_feedback_hour_user;
DROP TABLE IF EXISTS ragscope_rollup_hour_user;
