import {
  serializeEndpoint,
  serializeOrganization,
  type LagoOrganization,
  type LagoWebhookEndpoint,
} from "@/lib/api/lago";

// The document's examples: one endpoint, one organization, one event, reused across requests and answers.

export const EXAMPLE_ENDPOINT_ID = "0198c0de-5a1e-7c3b-9f10-4a2b6c8d0e12";
export const EXAMPLE_WEBHOOK_ID = "0198c0de-6b2f-7d4c-8a21-5b3c7d9e1f23";
export const EXAMPLE_EVENT_ID = "0198c0de-6b2f-7d4c-8a21-5b3c7d9e1f00";
export const EXAMPLE_ORGANIZATION_ID = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
const EXAMPLE_CREATED_AT = new Date("2026-11-26T09:00:00Z");

/** Lago's `webhook_endpoint`, made by the real serialiser so the example has the answer's exact fields. */
export const exampleEndpoint: LagoWebhookEndpoint = serializeEndpoint(
  {
    id: EXAMPLE_ENDPOINT_ID,
    url: "https://billing.example.com/webhooks/lago",
    name: "Billing",
    signatureAlgo: "hmac",
    eventTypes: ["invoice.created", "invoice.payment_status_updated"],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    previousSecretUntil: null,
    sendTraceparent: false,
    createdAt: EXAMPLE_CREATED_AT,
    updatedAt: EXAMPLE_CREATED_AT,
  },
  EXAMPLE_ORGANIZATION_ID,
);

/** The platform API's `organization`, made by the real serialiser. */
export const exampleOrganization: LagoOrganization = serializeOrganization({
  id: EXAMPLE_ORGANIZATION_ID,
  name: "Acme Corp",
  externalId: "acme",
  portalName: "Acme webhooks",
  portalAccentColor: "#4f46e5",
  createdAt: EXAMPLE_CREATED_AT,
});

export const exampleObject = { lago_id: "inv_001", number: "INV-2026-001", total_amount_cents: 12000, currency: "EUR" };
