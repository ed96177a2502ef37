-- Fills a store made by the backend's schema with :rows interactions over 90 days and ~20%
-- feedback, using PostgreSQL's own generate_series/random() (nothing of RagScope's code).
-- psql -v rows=1000000 -f fill-postgres.sql
-- Rows go in in created_at order, as a backend appends them: the physical order of a real store.
-- (Random order puts the rows of the last hour on as many pages as rows, and makes every recent
-- window cost a random read per row.)
SELECT setseed(0.5);
INSERT INTO chat_interactions (id, user_id, query, answer, confidence_score, citations_count, total_latency_ms,
    retrieval_latency_ms, generation_latency_ms, prompt_tokens, completion_tokens, total_tokens, model_name,
    cost_estimate, created_at)
SELECT gen_random_uuid(),
       'user-' || floor(power(random(), 3) * 2000)::int,
       'question number ' || g || ' about the travel policy',
       'answer number ' || g || ' citing the handbook',
       CASE WHEN random() < 0.02 THEN NULL ELSE round(sqrt(random())::numeric, 4)::float8 END,
       floor(random() * 6)::int,
       300 + random() * 2500, 40 + random() * 300, 200 + random() * 2200,
       p, c, p + c,
       (ARRAY['gemini-1.5-pro-latest', 'gemini-1.5-flash-latest', 'gemini-1.5-flash-8b'])[1 + floor(random() * 3)::int],
       round((p * 0.125 + c * 0.375) / 1000000.0, 8),
       t.at
FROM (SELECT g, floor(random() * 3000)::int AS p, floor(random() * 800)::int AS c,
             now() - random() * INTERVAL '90 days' AS at
      FROM generate_series(1, :rows) AS g) AS t
ORDER BY t.at;
INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)
SELECT gen_random_uuid(), id, 1 + floor(random() * 5)::int, NULL, created_at + random() * INTERVAL '1 day'
FROM chat_interactions WHERE random() < 0.2 ORDER BY created_at;
ANALYZE chat_interactions;
ANALYZE chat_feedbacks;
