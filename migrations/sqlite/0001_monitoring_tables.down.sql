-- ragscope:refuse-if-rows chat_interactions
DROP TABLE IF EXISTS chat_feedbacks;
DROP TABLE IF EXISTS chat_interactions;
DROP TABLE IF EXISTS ragscope_migrations;
