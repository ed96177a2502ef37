-- Indexes for the dashboard's queries: newest-first keyset paging, per-model windows,
-- feedback by time.
CREATE INDEX IF NOT EXISTS ix_ci_created_id ON chat_interactions (created_at, id);
CREATE INDEX IF NOT EXISTS ix_ci_model_created ON chat_interactions (model_name, created_at);
CREATE INDEX IF NOT EXISTS ix_cf_created ON chat_feedbacks (created_at);
