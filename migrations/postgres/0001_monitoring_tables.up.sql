-- The monitoring tables exactly as existing RAG backends create them (store contract §1),
-- plus RagScope's own record of applied migrations. Idempotent: a store made by the
-- backend's schema file is accepted as it is.
CREATE TABLE IF NOT EXISTS ragscope_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS chat_interactions (
    id UUID PRIMARY KEY,
    user_id VARCHAR(255) NOT NULL,
    query TEXT NOT NULL,
    answer TEXT NOT NULL,
    confidence_score DOUBLE PRECISION,
    citations_count INTEGER NOT NULL DEFAULT 0,
    total_latency_ms DOUBLE PRECISION,
    retrieval_latency_ms DOUBLE PRECISION,
    generation_latency_ms DOUBLE PRECISION,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    total_tokens INTEGER,
    model_name VARCHAR(100),
    cost_estimate NUMERIC(14, 8),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_ci_user ON chat_interactions (user_id);
CREATE INDEX IF NOT EXISTS ix_ci_created ON chat_interactions (created_at);
CREATE INDEX IF NOT EXISTS ix_ci_user_created ON chat_interactions (user_id, created_at);
CREATE INDEX IF NOT EXISTS ix_ci_conf ON chat_interactions (confidence_score);
CREATE TABLE IF NOT EXISTS chat_feedbacks (
    id UUID PRIMARY KEY,
    interaction_id UUID NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    rating SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment VARCHAR(2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_cf_interaction ON chat_feedbacks (interaction_id);
CREATE INDEX IF NOT EXISTS ix_cf_rating ON chat_feedbacks (rating);
