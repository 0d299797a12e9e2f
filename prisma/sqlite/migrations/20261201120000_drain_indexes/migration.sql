-- The drain (issue 12): fewer index entries written per delivery. Nearly every row has these NULL: no entry for
-- them. (The (status, nextAttemptAt) index stays whole here: SQLite would not prove `status = 'retrying'` implies
-- `status IN ('pending', 'retrying')` and would stop using it for claims.)
DROP INDEX "webhooks_manualDueAt_idx";
CREATE INDEX "webhooks_manualDueAt_idx" ON "webhooks"("manualDueAt") WHERE "manualDueAt" IS NOT NULL;
DROP INDEX "webhooks_replayId_status_idx";
CREATE INDEX "webhooks_replayId_status_idx" ON "webhooks"("replayId", "status") WHERE "replayId" IS NOT NULL;
