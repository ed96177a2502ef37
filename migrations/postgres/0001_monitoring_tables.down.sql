-- Rolls back to nothing. The monitoring tables hold the backend's data: refuse while they
-- have rows (the runner checks the line below before running anything).
-- ragscope:refuse-if-rows chat_interactions
DROP TABLE IF EXISTS chat_feedbacks;
DROP TABLE IF EXISTS chat_interactions;
DROP TABLE IF EXISTS ragscope_migrations;
