-- Organizations (issue 11): every endpoint, event, webhook and API key belongs to one. What existed before becomes
-- the "Default" organization (fixed id, DEFAULT_ORGANIZATION_ID in lib/tenancy/ids.ts); every operator its admin;
-- the oldest operator the installation's owner. organizationId is a plain indexed column on the tenant tables (no
-- foreign key: emit inserts stay as cheap as before; deleting an organization deletes its rows in lib).

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "externalId" TEXT,
    "portalName" TEXT,
    "portalAccentColor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "organizations_externalId_key" ON "organizations"("externalId");
INSERT INTO "organizations" ("id", "name", "createdAt", "updatedAt")
VALUES ('00000000-0000-7000-8000-000000000001', 'Default', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- CreateTable
CREATE TABLE "memberships" (
    "organizationId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("organizationId", "operatorId"),
    CONSTRAINT "memberships_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "memberships_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "memberships_operatorId_idx" ON "memberships"("operatorId");

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "invitedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invitations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "invitations_tokenHash_key" ON "invitations"("tokenHash");
CREATE INDEX "invitations_organizationId_idx" ON "invitations"("organizationId");

-- Operators: the owner, and every existing operator an admin of Default.
ALTER TABLE "operators" ADD COLUMN "isOwner" BOOLEAN NOT NULL DEFAULT false;
UPDATE "operators" SET "isOwner" = true
WHERE "id" = (SELECT "id" FROM "operators" ORDER BY "createdAt", "id" LIMIT 1);
INSERT INTO "memberships" ("organizationId", "operatorId", "role", "createdAt")
SELECT '00000000-0000-7000-8000-000000000001', "id", 'admin', CURRENT_TIMESTAMP FROM "operators";

-- API keys: null is an installation key (the platform API); existing keys become Default's.
ALTER TABLE "api_keys" ADD COLUMN "organizationId" TEXT;
UPDATE "api_keys" SET "organizationId" = '00000000-0000-7000-8000-000000000001';
CREATE INDEX "api_keys_organizationId_idx" ON "api_keys"("organizationId");

-- Tenant tables: a constant default fills existing rows without rewriting them; it is dropped at the end, so that
-- every write must name its organization (a forgotten one fails loudly instead of landing in Default).
ALTER TABLE "webhook_endpoints" ADD COLUMN "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001';
DROP INDEX "webhook_endpoints_url_key";
CREATE UNIQUE INDEX "webhook_endpoints_organizationId_url_key" ON "webhook_endpoints"("organizationId", "url");

ALTER TABLE "events" ADD COLUMN "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001';
DROP INDEX "events_idempotencyKey_key";
CREATE UNIQUE INDEX "events_organizationId_idempotencyKey_key" ON "events"("organizationId", "idempotencyKey");
CREATE INDEX "events_organizationId_createdAt_idx" ON "events"("organizationId", "createdAt" DESC);
CREATE INDEX "events_organizationId_webhookType_idx" ON "events"("organizationId", "webhookType");

ALTER TABLE "webhooks" ADD COLUMN "organizationId" TEXT NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001';
CREATE INDEX "webhooks_organizationId_createdAt_id_idx" ON "webhooks"("organizationId", "createdAt" DESC, "id" DESC);
-- An endpoint's webhooks all have its organization: told so, the planner keeps an endpoint's log (organization and
-- endpoint in its WHERE) on the endpoint's index instead of guessing the pair is rare and sorting a bitmap's rows.
CREATE STATISTICS "webhooks_organizationId_endpointId_stats" (dependencies) ON "organizationId", "endpointId" FROM "webhooks";

ALTER TABLE "webhook_endpoints" ALTER COLUMN "organizationId" DROP DEFAULT;
ALTER TABLE "events" ALTER COLUMN "organizationId" DROP DEFAULT;
ALTER TABLE "webhooks" ALTER COLUMN "organizationId" DROP DEFAULT;
