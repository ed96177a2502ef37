DELETE FROM ragscope_rollup_horizon WHERE grain IN ('hour_user', 'week');
DROP TABLE IF EXISTS ragscope_rollup_week_user;
DROP TABLE IF EXISTS ragscope_rollup_feedback_hour_user;
DROP TABLE IF EXISTS ragscope_rollup_hour_user;
