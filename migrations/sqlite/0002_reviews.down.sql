DROP TABLE IF EXISTS ragscope_reviews;
