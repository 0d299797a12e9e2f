-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN "manualAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "webhooks" ADD COLUMN "leasedAt" TIMESTAMP(3);
ALTER TABLE "webhooks" ADD COLUMN "manualDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "attempts" ADD COLUMN "manual" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "webhooks_manualDueAt_idx" ON "webhooks"("manualDueAt");
