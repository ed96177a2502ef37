-- The monitoring tables in SQLite (embedded demo stores and offline snapshots).
-- Differences from PostgreSQL, chosen so every value stays exact:
--   id, interaction_id: canonical lowercase UUID text
--   created_at: UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (sorts as time, keeps microseconds)
--   cost_usd_e8: cost as an integer count of 1e-8 USD (PostgreSQL's NUMERIC(14,8) exactly)
CREATE TABLE IF NOT EXISTS ragscope_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE IF NOT EXISTS chat_interactions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL CHECK (length(user_id) <= 255),
    query TEXT NOT NULL,
    answer TEXT NOT NULL,
    confidence_score REAL,
    citations_count INTEGER NOT NULL DEFAULT 0,
    total_latency_ms REAL,
    retrieval_latency_ms REAL,
    generation_latency_ms REAL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    total_tokens INTEGER,
    model_name TEXT CHECK (model_name IS NULL OR length(model_name) <= 100),
    cost_usd_e8 INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_ci_user ON chat_interactions (user_id);
CREATE INDEX IF NOT EXISTS ix_ci_created ON chat_interactions (created_at);
CREATE INDEX IF NOT EXISTS ix_ci_user_created ON chat_interactions (user_id, created_at);
CREATE INDEX IF NOT EXISTS ix_ci_conf ON chat_interactions (confidence_score);
CREATE TABLE IF NOT EXISTS chat_feedbacks (
    id TEXT PRIMARY KEY,
    interaction_id TEXT NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT CHECK (comment IS NULL OR length(comment) <= 2000),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_cf_interaction ON chat_feedbacks (interaction_id);
CREATE INDEX IF NOT EXISTS ix_cf_rating ON chat_feedbacks (rating);
