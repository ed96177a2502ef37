-- Forget the statistics of 0004 (the planner falls back to its defaults).
DELETE FROM sqlite_stat1 WHERE tbl IN ('chat_interactions', 'chat_feedbacks');
