-- Review as a team (see the PostgreSQL twin). SQLite has no ADD COLUMN IF NOT EXISTS: the
-- runner's version table keeps this from running twice.
CREATE TABLE IF NOT EXISTS ragscope_review_labels (
    name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    colour TEXT NOT NULL DEFAULT '#808080'
        CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
    shortcut_key TEXT UNIQUE CHECK (shortcut_key IS NULL OR length(shortcut_key) = 1),
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ragscope_review_scale (
    rating INTEGER PRIMARY KEY CHECK (rating BETWEEN 1 AND 5),
    wording TEXT NOT NULL CHECK (length(wording) <= 100)
);
CREATE TABLE IF NOT EXISTS ragscope_review_queues (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    goal TEXT NOT NULL DEFAULT '' CHECK (length(goal) <= 500),
    filter_json TEXT NOT NULL,
    sample_basis_points INTEGER CHECK (sample_basis_points BETWEEN 1 AND 10000),
    sample_seed TEXT NOT NULL DEFAULT '' CHECK (length(sample_seed) <= 100),
    reviews_per_item INTEGER NOT NULL DEFAULT 1 CHECK (reviews_per_item BETWEEN 1 AND 10),
    blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
    lease_seconds INTEGER NOT NULL DEFAULT 900 CHECK (lease_seconds BETWEEN 10 AND 86400),
    created_by TEXT NOT NULL CHECK (length(created_by) <= 255),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ragscope_review_leases (
    queue_id TEXT NOT NULL REFERENCES ragscope_review_queues(id) ON DELETE CASCADE,
    interaction_id TEXT NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL CHECK (length(reviewer) <= 255),
    state TEXT NOT NULL CHECK (state IN ('claimed', 'skipped')),
    claimed_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (queue_id, interaction_id, reviewer)
);
CREATE INDEX IF NOT EXISTS ix_rl_queue_reviewer ON ragscope_review_leases (queue_id, reviewer);
-- No REFERENCES on queue_id: SQLite cannot drop a column that a foreign key names (down file).
ALTER TABLE ragscope_reviews ADD COLUMN queue_id TEXT;
ALTER TABLE ragscope_reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'review'
    CHECK (kind IN ('review', 'adjudication', 'undo'));
ALTER TABLE ragscope_reviews ADD COLUMN undoes_id TEXT;
ALTER TABLE ragscope_reviews ADD COLUMN seconds_spent INTEGER CHECK (seconds_spent >= 0);
CREATE INDEX IF NOT EXISTS ix_rr_queue ON ragscope_reviews (queue_id, interaction_id, reviewer);
CREATE INDEX IF NOT EXISTS ix_rr_undoes ON ragscope_reviews (undoes_id);
