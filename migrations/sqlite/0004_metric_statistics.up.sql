-- Planner statistics, the counterpart of PostgreSQL's 0004: SQLite groups days by the text
-- prefix of created_at and needs no expression statistics, but its planner weighs the window
-- indexes against full scans better with row counts (sqlite_stat1).
ANALYZE chat_interactions;
ANALYZE chat_feedbacks;
