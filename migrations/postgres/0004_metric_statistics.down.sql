DROP STATISTICS IF EXISTS ragscope_st_ci_day;
