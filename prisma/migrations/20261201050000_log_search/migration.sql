-- The log's search: any part of the unique key (trigrams), an event id, webhook types across endpoints.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "webhooks_id_trgm_idx" ON "webhooks" USING GIN ("id" gin_trgm_ops);
CREATE INDEX "webhooks_eventId_idx" ON "webhooks"("eventId");
CREATE INDEX "events_webhookType_idx" ON "events"("webhookType");
