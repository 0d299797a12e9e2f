-- Nothing here: SQLite's claim reads pending webhooks in one scan of (status, nextAttemptAt), not endpoint by endpoint
-- (PostgreSQL's migration of the same name adds the per-endpoint queue its claim reads).
SELECT 1;
