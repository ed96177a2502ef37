DELETE FROM ragscope_rollup_horizon WHERE grain = 'quarter_user';
DROP TABLE IF EXISTS ragscope_rollup_quarter_user;
