DROP TABLE IF EXISTS ragscope_rollup_open_day_user;
