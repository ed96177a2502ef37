-- Quality reviewers' own verdicts (see the PostgreSQL twin).
CREATE TABLE IF NOT EXISTS ragscope_reviews (
    id TEXT PRIMARY KEY,
    interaction_id TEXT NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL CHECK (length(reviewer) <= 255),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    label TEXT CHECK (label IS NULL OR length(label) <= 100),
    comment TEXT CHECK (comment IS NULL OR length(comment) <= 2000),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rr_interaction ON ragscope_reviews (interaction_id, reviewer, created_at);
CREATE INDEX IF NOT EXISTS ix_rr_created ON ragscope_reviews (created_at);
