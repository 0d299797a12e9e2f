-- Observability (issue 14): the accepting span's trace context on each webhook, the per-endpoint traceparent
-- opt-in, and alerts (where they go per organization; one row per incident).

-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN "traceContext" TEXT;
ALTER TABLE "webhook_endpoints" ADD COLUMN "sendTraceparent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "alert_settings" (
    "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001',
    "emails" JSONB NOT NULL,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT NOT NULL,
    "slackText" BOOLEAN NOT NULL DEFAULT false,
    "successRateThreshold" INTEGER NOT NULL DEFAULT 50,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001',
    "kind" TEXT NOT NULL,
    "endpointId" TEXT,
    "openKey" TEXT,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "emailResult" TEXT,
    "webhookResult" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alerts_organizationId_openKey_key" ON "alerts"("organizationId", "openKey");
CREATE INDEX "alerts_organizationId_createdAt_idx" ON "alerts"("organizationId", "createdAt" DESC);
