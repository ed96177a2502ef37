-- Review as a team (#13). Shared labels and the rating scale's wording, so every reviewer sees
-- the same; saved queues (a named filter with a goal, a reproducible sample and k independent
-- reviews per item); leases that reserve an item for one reviewer for a while; and what a
-- review row needs for queues: the queue it was made in, its kind (a reviewer's verdict, an
-- adjudicator's final verdict, or the undo of an earlier save; undo is a new row, history
-- stays), and the seconds spent on the item (progress: median seconds per item).
CREATE TABLE IF NOT EXISTS ragscope_review_labels (
    name VARCHAR(100) PRIMARY KEY,
    description VARCHAR(500) NOT NULL DEFAULT '',
    colour VARCHAR(7) NOT NULL DEFAULT '#808080' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
    shortcut_key VARCHAR(1) UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ragscope_review_scale (
    rating SMALLINT PRIMARY KEY CHECK (rating BETWEEN 1 AND 5),
    wording VARCHAR(100) NOT NULL
);
-- filter_json: the Review page's filters (ReviewQueueQuery as JSON). sample_basis_points: a
-- reproducible sample of that many 1/10000ths of the items (NULL: every item), chosen by a
-- hash of the seed and the interaction id, so the same queue always holds the same items.
CREATE TABLE IF NOT EXISTS ragscope_review_queues (
    id UUID PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    goal VARCHAR(500) NOT NULL DEFAULT '',
    filter_json TEXT NOT NULL,
    sample_basis_points INTEGER CHECK (sample_basis_points BETWEEN 1 AND 10000),
    sample_seed VARCHAR(100) NOT NULL DEFAULT '',
    reviews_per_item SMALLINT NOT NULL DEFAULT 1 CHECK (reviews_per_item BETWEEN 1 AND 10),
    blind BOOLEAN NOT NULL DEFAULT TRUE,
    lease_seconds INTEGER NOT NULL DEFAULT 900 CHECK (lease_seconds BETWEEN 10 AND 86400),
    created_by VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One reviewer's hold on one item of a queue: 'claimed' until expires_at (released on save),
-- or 'skipped' (the item is not offered to that reviewer again and counts toward nobody's k).
CREATE TABLE IF NOT EXISTS ragscope_review_leases (
    queue_id UUID NOT NULL REFERENCES ragscope_review_queues(id) ON DELETE CASCADE,
    interaction_id UUID NOT NULL REFERENCES chat_interactions(id) ON DELETE CASCADE,
    reviewer VARCHAR(255) NOT NULL,
    state VARCHAR(8) NOT NULL CHECK (state IN ('claimed', 'skipped')),
    claimed_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (queue_id, interaction_id, reviewer)
);
CREATE INDEX IF NOT EXISTS ix_rl_queue_reviewer ON ragscope_review_leases (queue_id, reviewer);
ALTER TABLE ragscope_reviews ADD COLUMN IF NOT EXISTS queue_id UUID;
ALTER TABLE ragscope_reviews ADD COLUMN IF NOT EXISTS kind VARCHAR(12) NOT NULL DEFAULT 'review'
    CHECK (kind IN ('review', 'adjudication', 'undo'));
ALTER TABLE ragscope_reviews ADD COLUMN IF NOT EXISTS undoes_id UUID;
ALTER TABLE ragscope_reviews ADD COLUMN IF NOT EXISTS seconds_spent INTEGER CHECK (seconds_spent >= 0);
CREATE INDEX IF NOT EXISTS ix_rr_queue ON ragscope_reviews (queue_id, interaction_id, reviewer);
CREATE INDEX IF NOT EXISTS ix_rr_undoes ON ragscope_reviews (undoes_id);
