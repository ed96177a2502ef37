DROP TABLE IF EXISTS ragscope_budgets;
