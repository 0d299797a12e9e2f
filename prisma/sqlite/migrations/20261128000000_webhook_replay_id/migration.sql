-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN "replayId" TEXT;

-- CreateIndex
CREATE INDEX "webhooks_replayId_status_idx" ON "webhooks"("replayId", "status");
