-- Monthly budgets (#11), shared by everyone who opens the store: one row per scope, '' for the
-- total of all models or a model's name. Roles that may not write keep theirs in settings.
CREATE TABLE IF NOT EXISTS ragscope_budgets (
    scope VARCHAR(255) PRIMARY KEY,
    monthly_usd NUMERIC(20, 8) NOT NULL CHECK (monthly_usd >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by VARCHAR(255) NOT NULL DEFAULT ''
);
