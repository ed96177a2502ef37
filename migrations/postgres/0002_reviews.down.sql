-- Reviewers' verdicts are data: refuse while there are any.
-- ragscope:refuse-if-rows ragscope_reviews
DROP TABLE IF EXISTS ragscope_reviews;
