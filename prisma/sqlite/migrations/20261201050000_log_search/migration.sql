-- The log's search: an event id, webhook types across endpoints (a part of the unique key scans the covering log index).
CREATE INDEX "webhooks_eventId_idx" ON "webhooks"("eventId");
CREATE INDEX "events_webhookType_idx" ON "events"("webhookType");
