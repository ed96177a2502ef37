-- Planner statistics for the dashboard's per-day grouping: without them PostgreSQL guesses one
-- group per distinct created_at and sorts the whole window instead of hashing ~one group per
-- day and model. Expression statistics exist from PostgreSQL 14; older servers skip them.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'CREATE STATISTICS IF NOT EXISTS ragscope_st_ci_day'
            ' ON (date_trunc(''day'', created_at AT TIME ZONE ''UTC'')), model_name FROM chat_interactions';
    END IF;
END
$$;
ANALYZE chat_interactions;
