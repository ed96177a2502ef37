-- Quality reviewers' own verdicts. Kept apart from chat_feedbacks so a review never
-- overwrites the end user's rating; every save is a row (history), the newest per reviewer wins.
CREATE TABLE IF NOT EXISTS ragscope_reviews (
    id UUID PRIMARY KEY,
    interaction_id UUID NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    reviewer VARCHAR(255) NOT NULL,
    rating SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    label VARCHAR(100),
    comment VARCHAR(2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_rr_interaction ON ragscope_reviews (interaction_id, reviewer, created_at);
CREATE INDEX IF NOT EXISTS ix_rr_created ON ragscope_reviews (created_at);
