-- Monthly budgets (see the PostgreSQL twin). Money is an integer count of 1e-8 USD, time UTC text.
CREATE TABLE IF NOT EXISTS ragscope_budgets (
    scope TEXT NOT NULL PRIMARY KEY CHECK (length(scope) <= 255),
    monthly_usd_e8 INTEGER NOT NULL CHECK (monthly_usd_e8 >= 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '' CHECK (length(updated_by) <= 255)
);
