-- The drain (issue 12): fewer index entries written per delivery.
-- Room in each page for the next version of a row: a claim (lease columns only, none indexed) becomes a HOT update,
-- which writes no index entry at all (12 indexes otherwise, the trigram GIN among them). New pages only.
ALTER TABLE "webhooks" SET (fillfactor = 70);

-- Only what a claim can take: a delivered or failed webhook leaves this index instead of getting a new entry.
DROP INDEX "webhooks_status_nextAttemptAt_idx";
CREATE INDEX "webhooks_status_nextAttemptAt_idx" ON "webhooks"("status", "nextAttemptAt") WHERE "status" IN ('pending', 'retrying');

-- Nearly every row has these NULL: no entry for them.
DROP INDEX "webhooks_manualDueAt_idx";
CREATE INDEX "webhooks_manualDueAt_idx" ON "webhooks"("manualDueAt") WHERE "manualDueAt" IS NOT NULL;
DROP INDEX "webhooks_replayId_status_idx";
CREATE INDEX "webhooks_replayId_status_idx" ON "webhooks"("replayId", "status") WHERE "replayId" IS NOT NULL;
