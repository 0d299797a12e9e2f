-- AlterTable: each attempt keeps the request as sent and the response's headers (capped).
ALTER TABLE "attempts" ADD COLUMN "requestUrl" TEXT;
ALTER TABLE "attempts" ADD COLUMN "requestHeaders" JSONB;
ALTER TABLE "attempts" ADD COLUMN "responseHeaders" JSONB;
ALTER TABLE "attempts" ADD COLUMN "responseHeadersTruncated" BOOLEAN NOT NULL DEFAULT false;
