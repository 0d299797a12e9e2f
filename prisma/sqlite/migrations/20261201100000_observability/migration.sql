-- Observability (issue 14): the accepting span's trace context on each webhook, the per-endpoint traceparent
-- opt-in, and alerts (where they go per organization; one row per incident).

-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN "traceContext" TEXT;
ALTER TABLE "webhook_endpoints" ADD COLUMN "sendTraceparent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "alert_settings" (
    "organizationId" TEXT NOT NULL PRIMARY KEY DEFAULT '00000000-0000-7000-8000-000000000001',
    "emails" TEXT NOT NULL,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT NOT NULL,
    "slackText" BOOLEAN NOT NULL DEFAULT false,
    "successRateThreshold" INTEGER NOT NULL DEFAULT 50,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001',
    "kind" TEXT NOT NULL,
    "endpointId" TEXT,
    "openKey" TEXT,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT,
    "emailResult" TEXT,
    "webhookResult" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);
CREATE UNIQUE INDEX "alerts_organizationId_openKey_key" ON "alerts"("organizationId", "openKey");
CREATE INDEX "alerts_organizationId_createdAt_idx" ON "alerts"("organizationId", "createdAt" DESC);
